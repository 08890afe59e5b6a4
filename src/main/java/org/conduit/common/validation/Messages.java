package org.conduit.common.validation;

/** The wording of validation errors, as RealWorld clients show them next to a field. */
public final class Messages {

  public static final String BLANK = "can't be blank";
  public static final String INVALID = "is invalid";
  public static final String TOO_SHORT = "is too short (minimum is {min} characters)";
  public static final String TOO_LONG = "is too long (maximum is {max} characters)";
  public static final String TAKEN = "has already been taken";

  private Messages() {}
}
