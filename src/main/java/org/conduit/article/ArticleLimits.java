package org.conduit.article;

/** Sizes an article may have; the schema's columns are at least this wide. */
final class ArticleLimits {

  static final int TITLE = 255;
  static final int DESCRIPTION = 1000;
  static final int BODY = 100_000;
  static final int TAG = 50;
  static final int TAGS = 20;

  private ArticleLimits() {}
}
