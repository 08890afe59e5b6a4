package org.conduit.user;

/** Limits on the public part of an account: bio and image. */
public final class Profiles {

  public static final int MAX_BIO_LENGTH = 4000;

  public static final int MAX_IMAGE_LENGTH = 2048;

  /** An absolute http(s) URL without spaces; "" (cleared) passes. */
  public static final String IMAGE_PATTERN = "^$|^https?://\\S+$";

  private Profiles() {}
}
