package org.conduit.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The response objects of the contract (realworld/openapi.yml, components), checked key by key:
 * exactly these keys, with these JSON types. Stricter than the spec, which allows extra keys, where
 * the contract is strict: a list item has no {@code body} key at all.
 */
public final class Shapes {

  public static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  private static final Set<String> PROFILE = Set.of("username", "bio", "image", "following");

  private static final Set<String> LIST_ITEM =
      Set.of(
          "slug",
          "title",
          "description",
          "tagList",
          "createdAt",
          "updatedAt",
          "favorited",
          "favoritesCount",
          "author");

  private static final Set<String> COMMENT =
      Set.of("id", "createdAt", "updatedAt", "body", "author");

  private Shapes() {}

  public static void profile(Map<String, Object> profile) {
    assertEquals(PROFILE, profile.keySet(), "Profile keys");
    assertInstanceOf(String.class, profile.get("username"));
    nullableString(profile.get("bio"));
    nullableString(profile.get("image"));
    assertInstanceOf(Boolean.class, profile.get("following"));
  }

  public static void article(Map<String, Object> article) {
    Set<String> keys = new java.util.HashSet<>(LIST_ITEM);
    keys.add("body");
    assertEquals(keys, article.keySet(), "Article keys");
    assertInstanceOf(String.class, article.get("body"));
    articleFields(article);
  }

  public static void listItem(Map<String, Object> item) {
    assertEquals(LIST_ITEM, item.keySet(), "list item keys (no body)");
    articleFields(item);
  }

  public static void articleList(Map<String, Object> response) {
    assertEquals(Set.of("articles", "articlesCount"), response.keySet());
    assertInstanceOf(Integer.class, response.get("articlesCount"));
    for (Object item : (List<?>) response.get("articles")) {
      listItem(map(item));
    }
  }

  public static void comment(Map<String, Object> comment) {
    assertEquals(COMMENT, comment.keySet(), "Comment keys");
    assertInstanceOf(Integer.class, comment.get("id"));
    assertInstanceOf(String.class, comment.get("body"));
    timestamp(comment.get("createdAt"));
    timestamp(comment.get("updatedAt"));
    profile(map(comment.get("author")));
  }

  public static void tags(Map<String, Object> response) {
    assertEquals(Set.of("tags"), response.keySet());
    for (Object tag : (List<?>) response.get("tags")) {
      assertInstanceOf(String.class, tag);
    }
  }

  public static void errors(Map<String, Object> response) {
    assertEquals(Set.of("errors"), response.keySet());
    Map<String, Object> errors = map(response.get("errors"));
    assertTrue(!errors.isEmpty(), "errors is never empty");
    errors.values().forEach(messages -> assertInstanceOf(List.class, messages));
  }

  private static void articleFields(Map<String, Object> article) {
    assertInstanceOf(String.class, article.get("slug"));
    assertInstanceOf(String.class, article.get("title"));
    assertInstanceOf(String.class, article.get("description"));
    for (Object tag : (List<?>) article.get("tagList")) {
      assertInstanceOf(String.class, tag);
    }
    timestamp(article.get("createdAt"));
    timestamp(article.get("updatedAt"));
    assertInstanceOf(Boolean.class, article.get("favorited"));
    assertInstanceOf(Integer.class, article.get("favoritesCount"));
    profile(map(article.get("author")));
  }

  private static void timestamp(Object value) {
    assertInstanceOf(String.class, value);
    assertTrue(((String) value).matches(TIMESTAMP), "UTC with milliseconds: " + value);
  }

  private static void nullableString(Object value) {
    assertTrue(value == null || value instanceof String, "string or null: " + value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertInstanceOf(Map.class, value);
    return (Map<String, Object>) value;
  }
}
