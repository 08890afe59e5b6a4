package org.conduit.user;

/** The password policy: long passphrases welcome, nothing silently cut. */
public final class Passwords {

  public static final int MIN_LENGTH = 8;

  /** Well above the 64 that must be accepted; the hasher pre-hashes, so length costs nothing. */
  public static final int MAX_LENGTH = 128;

  private Passwords() {}
}
