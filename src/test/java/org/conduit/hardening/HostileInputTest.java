package org.conduit.hardening;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.conduit.support.CapturedLog;
import org.conduit.support.Hostile;
import org.conduit.support.Hostile.Case;
import org.conduit.support.Hostile.Endpoint;
import org.conduit.support.TestUsers;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input never yields a 5xx: every row gets its status and, for failures, an {@code errors}
 * envelope under the expected key, with {@code nosniff} on every answer; meanwhile the log is
 * captured and must not hold a password, hash, token or the signing secret.
 *
 * <p>To cover a new endpoint family, add its JSON endpoints to {@link #JSON_ENDPOINTS} (the generic
 * body attacks follow) and its own field, path and query rows to {@link #cases()}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

  private static final int MAX_BODY = 64 * 1024;

  static final Endpoint REGISTER = new Endpoint("POST", "/api/users", false, "user");
  static final Endpoint LOGIN = new Endpoint("POST", "/api/users/login", false, "user");
  static final Endpoint UPDATE = new Endpoint("PUT", "/api/user", true, "user");

  /** An article of the victim's, created in set-up; its slug is its title, lower-cased. */
  private static final String FIXTURE = TestUsers.unique("hostile-fixture-");

  static final Endpoint ARTICLE_CREATE = new Endpoint("POST", "/api/articles", true, "article");
  static final Endpoint ARTICLE_UPDATE =
      new Endpoint("PUT", "/api/articles/" + FIXTURE, true, "article");
  static final Endpoint COMMENT_CREATE =
      new Endpoint("POST", "/api/articles/" + FIXTURE + "/comments", true, "comment");

  /** Every endpoint that reads a JSON body. */
  static final List<Endpoint> JSON_ENDPOINTS =
      List.of(REGISTER, LOGIN, UPDATE, ARTICLE_CREATE, ARTICLE_UPDATE, COMMENT_CREATE);

  /** The look-alike rows claim this account's email with other spellings. */
  private static final String KELVIN = TestUsers.unique("kelvin");

  private static final String SECRET_PASSWORD = "hostile-run-passphrase-" + KELVIN;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static CapturedLog log;
  private static TestUsers.Account victim;
  private static final List<String> tokensSeen = new ArrayList<>();

  @Inject EntityManager em;

  /** Once, before the first row: the class' static set-up runs before rest-assured has a port. */
  @BeforeEach
  void setUp() {
    if (victim != null) {
      return;
    }
    log = CapturedLog.start();
    victim = TestUsers.register();
    tokensSeen.add(victim.token());
    // "k" + ... + "fi": the rows below spell it with a Kelvin sign, full-width letters, a ligature.
    org.conduit.support.Json.json(
            java.util.Map.of(
                "user",
                java.util.Map.of(
                    "email",
                    KELVIN + "fi@example.com",
                    "username",
                    KELVIN,
                    "password",
                    SECRET_PASSWORD)))
        .post("/api/users")
        .then()
        .statusCode(201);
    org.conduit.support.Json.json(
            victim.auth(),
            java.util.Map.of(
                "article", java.util.Map.of("title", FIXTURE, "description", "d", "body", "b")))
        .post("/api/articles")
        .then()
        .statusCode(201)
        .body("article.slug", equalTo(FIXTURE));
  }

  @AfterAll
  static void tearDown() {
    if (log != null) {
      log.stop();
    }
  }

  private static String user(String fields) {
    return "{\"user\":{" + fields + "}}";
  }

  private static String registration(String email, String username, String password) {
    return user(
        "\"email\":"
            + quote(email)
            + ",\"username\":"
            + quote(username)
            + ",\"password\":"
            + quote(password));
  }

  private static String quote(String value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    JSON_ENDPOINTS.forEach(e -> cases.addAll(Hostile.jsonBodyAttacks(e, MAX_BODY)));
    String name = TestUsers.unique("h");
    String pw = "a fine passphrase";

    // Registration fields: wrong types, hidden characters, look-alikes, SQL, sizes.
    cases.add(
        Hostile.json(
            "email is a number",
            REGISTER,
            user("\"email\":5,\"username\":\"a\",\"password\":\"12345678\""),
            422,
            "email"));
    cases.add(
        Hostile.json(
            "username is a boolean",
            REGISTER,
            user("\"email\":\"a@b.co\",\"username\":true,\"password\":\"12345678\""),
            422,
            "username"));
    cases.add(
        Hostile.json(
            "password is a number",
            REGISTER,
            user("\"email\":\"a@b.co\",\"username\":\"a\",\"password\":12345678"),
            422,
            "password"));
    cases.add(
        Hostile.json(
            "email is an object",
            REGISTER,
            user("\"email\":{},\"username\":\"a\",\"password\":\"12345678\""),
            422,
            "email"));
    cases.add(
        Hostile.json(
            "NUL in username",
            REGISTER,
            registration(name + "@example.com", name + "\u0000", pw),
            422,
            "username"));
    cases.add(
        Hostile.json(
            "BEL in email",
            REGISTER,
            registration(name + "\u0007@example.com", name, pw),
            422,
            "email"));
    cases.add(
        Hostile.json(
            "zero-width space in email",
            REGISTER,
            registration(name + "\u200B@example.com", name, pw),
            422,
            "email"));
    cases.add(
        Hostile.json(
            "right-to-left override in email",
            REGISTER,
            registration(name + "\u202E@example.com", name, pw),
            422,
            "email"));
    cases.add(
        Hostile.json(
            "CR/LF in email",
            REGISTER,
            registration(name + "\r\nBcc: x@evil.test@example.com", name, pw),
            422,
            "email"));
    cases.add(
        Hostile.json(
            "CR/LF in username",
            REGISTER,
            registration(name + "@example.com", name + "\r\nX-Injected: 1", pw),
            422,
            "username"));
    cases.add(
        Hostile.json(
            "lone surrogate in username",
            REGISTER,
            registration(name + "@example.com", name + "\uD800", pw),
            422,
            "username"));
    cases.add(
        Hostile.json(
            "Kelvin sign look-alike email",
            REGISTER,
            registration(
                "\u212A" + KELVIN.substring(1) + "fi@example.com", TestUsers.unique("lk"), pw),
            409,
            "email"));
    cases.add(
        Hostile.json(
            "full-width look-alike email",
            REGISTER,
            registration(KELVIN + "fi@\uFF45xample.com", TestUsers.unique("lf"), pw),
            409,
            "email"));
    cases.add(
        Hostile.json(
            "ligature look-alike email",
            REGISTER,
            registration(KELVIN + "\uFB01@example.com", TestUsers.unique("ll"), pw),
            409,
            "email"));
    cases.add(
        Hostile.json(
            "upper-case look-alike email",
            REGISTER,
            registration(KELVIN.toUpperCase() + "FI@EXAMPLE.COM", TestUsers.unique("lu"), pw),
            409,
            "email"));
    cases.add(
        Hostile.json(
            "SQL in username",
            REGISTER,
            registration(name + "@example.com", "x'); DROP TABLE users; --", pw),
            422,
            "username"));
    String quoted = TestUsers.unique("o'brien");
    cases.add(
        Hostile.json(
            "SQL quote in email is stored literally",
            REGISTER,
            registration(quoted + "@example.com", TestUsers.unique("ob"), pw),
            201,
            null));
    cases.add(
        Hostile.json(
            "60 KB password",
            REGISTER,
            registration(name + "@example.com", name, "p".repeat(60_000)),
            422,
            "password"));
    cases.add(
        Hostile.json(
            "10 KB username",
            REGISTER,
            registration(name + "@example.com", "u".repeat(10_000), pw),
            422,
            "username"));

    // Login: injection attempts are just wrong credentials.
    cases.add(
        Hostile.json(
            "SQL in login email",
            LOGIN,
            user("\"email\":\"' OR '1'='1\",\"password\":\"' OR '1'='1\""),
            401,
            "credentials"));
    cases.add(
        Hostile.json(
            "wrong password",
            LOGIN,
            user(
                "\"email\":\""
                    + KELVIN
                    + "fi@example.com\",\"password\":\"not "
                    + SECRET_PASSWORD
                    + "\""),
            401,
            "credentials"));
    cases.add(
        Hostile.json(
            "NUL in login password",
            LOGIN,
            user("\"email\":\"a@b.co\",\"password\":\"abc\\u0000def\""),
            422,
            "password"));
    cases.add(
        Hostile.json(
            "password is an array",
            LOGIN,
            user("\"email\":\"a@b.co\",\"password\":[\"x\"]"),
            422,
            "password"));

    // Updates: literal storage of what is text, refusal of what is not.
    cases.add(
        Hostile.json(
            "SQL in bio is stored literally",
            UPDATE,
            user("\"bio\":\"'); DROP TABLE users; --\""),
            200,
            null));
    cases.add(
        Hostile.json(
            "CR/LF in bio is stored literally",
            UPDATE,
            user("\"bio\":\"line one\\r\\nline two\""),
            200,
            null));
    cases.add(Hostile.json("NUL in bio", UPDATE, user("\"bio\":\"a\\u0000b\""), 422, "bio"));
    cases.add(
        Hostile.json(
            "escape sequence in bio", UPDATE, user("\"bio\":\"\\u001b[31mred\""), 422, "bio"));
    cases.add(
        Hostile.json("lone surrogate in bio", UPDATE, user("\"bio\":\"\\udc00\""), 422, "bio"));
    cases.add(
        Hostile.json(
            "CR/LF in image", UPDATE, user("\"image\":\"https://x.test/a\\r\\nb\""), 422, "image"));
    cases.add(
        Hostile.json(
            "javascript: image", UPDATE, user("\"image\":\"javascript:alert(1)\""), 422, "image"));
    cases.add(
        Hostile.json(
            "look-alike of another's email",
            UPDATE,
            user("\"email\":\"\u212A" + KELVIN.substring(1) + "\uFB01@example.com\""),
            409,
            "email"));
    cases.add(Hostile.json("bio is a number", UPDATE, user("\"bio\":12"), 422, "bio"));

    // Articles and comments: field types, hidden characters, sizes.
    String article = "\"description\":\"d\",\"body\":\"b\"";
    cases.add(
        Hostile.json(
            "article title is a number",
            ARTICLE_CREATE,
            "{\"article\":{\"title\":5," + article + "}}",
            422,
            "title"));
    cases.add(
        Hostile.json(
            "NUL in article title",
            ARTICLE_CREATE,
            "{\"article\":{\"title\":\"a\\u0000b\"," + article + "}}",
            422,
            "title"));
    cases.add(
        Hostile.json(
            "tagList is a string",
            ARTICLE_CREATE,
            "{\"article\":{\"title\":\"t\"," + article + ",\"tagList\":\"a,b\"}}",
            422,
            "tagList"));
    cases.add(
        Hostile.json(
            "tagList of numbers",
            ARTICLE_CREATE,
            "{\"article\":{\"title\":\"t\"," + article + ",\"tagList\":[1,2]}}",
            422,
            "tagList"));
    cases.add(
        Hostile.json(
            "500 tags",
            ARTICLE_CREATE,
            "{\"article\":{\"title\":\"t\","
                + article
                + ",\"tagList\":["
                + String.join(",", java.util.Collections.nCopies(500, "\"t\""))
                + "]}}",
            422,
            "tagList"));
    cases.add(
        Hostile.json(
            "SQL in an article title is stored literally",
            ARTICLE_CREATE,
            "{\"article\":{\"title\":\"x'); DROP TABLE articles; --\"," + article + "}}",
            201,
            null));
    cases.add(
        Hostile.json(
            "tagList null on update",
            ARTICLE_UPDATE,
            "{\"article\":{\"tagList\":null}}",
            422,
            "tagList"));
    cases.add(
        Hostile.json(
            "escape sequence in a comment",
            COMMENT_CREATE,
            "{\"comment\":{\"body\":\"\\u001b[2J\"}}",
            422,
            "body"));
    cases.add(
        Hostile.json(
            "comment body is an array",
            COMMENT_CREATE,
            "{\"comment\":{\"body\":[]}}",
            422,
            "body"));
    cases.add(Hostile.get("limit is negative", "/api/articles?limit=-1", false, 422, "limit"));
    cases.add(Hostile.get("limit is text", "/api/articles?limit=ten", false, 422, "limit"));
    cases.add(
        Hostile.get("limit above the maximum", "/api/articles?limit=100000", false, 422, "limit"));
    cases.add(
        Hostile.get(
            "offset beyond a long",
            "/api/articles?offset=99999999999999999999",
            false,
            422,
            "offset"));
    cases.add(Hostile.get("feed limit is zero", "/api/articles/feed?limit=0", true, 422, "limit"));
    cases.add(
        Hostile.get(
            "SQL in a tag filter", "/api/articles?tag=%27%20OR%201%3D1--", false, 200, null));
    cases.add(
        Hostile.get(
            "SQL in a slug", "/api/articles/x%27%20OR%20%271%27%3D%271", false, 404, "article"));
    cases.add(Hostile.get("huge slug", "/api/articles/" + "s".repeat(3000), false, 404, "article"));
    cases.add(
        Hostile.get(
            "SQL in a username", "/api/profiles/x%27%20OR%201%3D1--", false, 404, "profile"));
    for (String id : List.of("99999999999999999999", "-1", "abc", "0")) {
      cases.add(
          Hostile.raw(
              "comment id " + id,
              "DELETE",
              "/api/articles/" + FIXTURE + "/comments/" + id,
              true,
              null,
              null,
              404,
              "comment"));
    }

    // Headers and tokens.
    // Over quarkus.http.limits.max-header-size (20K): Vert.x refuses them while reading.
    cases.add(
        Hostile.get("30 KB header", "/api/user", true, 431, null)
            .withHeader("X-Junk", "j".repeat(30_000)));
    Case many = Hostile.get("600 headers", "/api/user", true, 431, null);
    for (int i = 0; i < 600; i++) {
      many = many.withHeader("X-Junk-" + i, "v".repeat(40));
    }
    cases.add(many);
    cases.add(
        Hostile.get("30 KB Authorization", "/api/user", false, 431, null)
            .withHeader("Authorization", "Token " + "a".repeat(30_000)));
    cases.add(
        Hostile.get("10 KB garbage token", "/api/user", false, 401, "token")
            .withHeader("Authorization", "Token " + "a".repeat(10_000)));
    cases.add(
        Hostile.get("4 KB garbage token", "/api/user", false, 401, "token")
            .withHeader("Authorization", "Token " + "a.b".repeat(1300)));
    cases.add(
        Hostile.get("non-ASCII token", "/api/user", false, 401, "token")
            .withHeader("Authorization", "Token \u00e9\u00e9.\u00e9.\u00e9"));
    cases.add(
        Hostile.get("two Authorization headers", "/api/user", true, 401, "token")
            .withHeader("Authorization", "Token x.y.z"));
    cases.add(
        Hostile.get("empty token", "/api/user", false, 401, "token")
            .withHeader("Authorization", "Token "));
    cases.add(
        Hostile.get(
            "token in the query string",
            "/api/user?token=eyJ.x.y&access_token=eyJ.x.y",
            false,
            401,
            "token"));

    // Paths and query parameters.
    // Over quarkus.http.limits.max-initial-line-length (4096): refused by Vert.x.
    cases.add(Hostile.get("5000-character path", "/api/" + "a".repeat(5000), false, 414, null));
    cases.add(
        Hostile.get(
            "huge number in path", "/api/users/99999999999999999999999999", false, 404, "path"));
    cases.add(Hostile.get("negative number in path", "/api/users/-1", false, 404, "path"));
    cases.add(Hostile.get("non-numeric path segment", "/api/user/abc", false, 404, "path"));
    cases.add(Hostile.get("encoded NUL in path", "/api/user%00", false, 404, "path"));
    cases.add(Hostile.get("encoded slash in path", "/api/users%2F..%2Fuser", false, 404, "path"));
    cases.add(
        Hostile.get("dot segments in path", "/api/users/../../etc/passwd", false, 404, "path"));
    cases.add(Hostile.get("SQL in path", "/api/users/1%27%20OR%201=1", false, 404, "path"));
    cases.add(
        Hostile.get(
            "out-of-range query parameters are ignored",
            "/api/user?limit=-1&offset=99999999999999999999999",
            true,
            200,
            null));
    cases.add(Hostile.get("3 KB query string", "/api/user?q=" + "q".repeat(3000), true, 200, null));
    cases.add(Hostile.get("5 KB query string", "/api/user?q=" + "q".repeat(5000), true, 414, null));
    cases.add(Hostile.raw("TRACE", "TRACE", "/api/user", false, null, null, 405, "method"));
    cases.add(
        Hostile.raw(
            "PATCH",
            "PATCH",
            "/api/user",
            true,
            "application/json",
            "{}".getBytes(),
            405,
            "method"));
    return cases.stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isAnsweredWithoutA5xx(Case c) throws Exception {
    Hostile.Answer answer = Hostile.send(c, victim::token);
    String where = c + " -> " + answer.status() + " " + abbreviate(answer.body());
    assertThat(where, answer.status(), lessThan(500));
    assertEquals(c.status(), answer.status(), where);
    if (c.status() == 414 || c.status() == 431) {
      // Refused by Vert.x while it reads the request, before any route: a bare answer.
      return;
    }
    assertEquals("nosniff", answer.header("X-Content-Type-Options"), where);
    assertThat(where, answer.header("Content-Type"), startsWith("application/json"));
    JsonNode body = MAPPER.readTree(answer.body());
    if (c.errorKey() == null) {
      assertFalse(body.has("errors"), where);
      JsonNode token = body.path("user").path("token");
      if (token.isTextual()) {
        tokensSeen.add(token.asText());
      }
      return;
    }
    assertEquals(1, body.size(), where);
    JsonNode messages = body.path("errors").path(c.errorKey());
    assertTrue(messages.isArray() && messages.size() > 0, where);
    messages.forEach(m -> assertTrue(m.isTextual() && !m.asText().isBlank(), where));
  }

  @Order(2)
  @Test
  void theSchemaIsIntactAndQuotesWereStoredLiterally() {
    long users =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number) em.createNativeQuery("SELECT count(*) FROM users").getSingleResult())
                        .longValue());
    assertTrue(users > 0);
    long quoted =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            em.createNativeQuery(
                                    "SELECT count(*) FROM users WHERE email LIKE 'o''brien%'")
                                .getSingleResult())
                        .longValue());
    assertThat(quoted, org.hamcrest.Matchers.greaterThan(0L));
    victim
        .auth()
        .get("/api/user")
        .then()
        .statusCode(200)
        .body("user.bio", equalTo("line one\r\nline two"));
    long lookAlikes =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            em.createNativeQuery(
                                    "SELECT count(*) FROM users WHERE lower(email) LIKE ?1")
                                .setParameter(1, "%" + KELVIN.substring(1) + "%")
                                .getSingleResult())
                        .longValue());
    assertEquals(1, lookAlikes, "look-alike spellings never make a second account");
  }

  @Order(3)
  @Test
  void theLogHoldsNoPasswordHashTokenOrSecret() {
    String secret = ConfigProvider.getConfig().getValue("conduit.jwt.secret", String.class);
    List<String> forbidden = new ArrayList<>(List.of(secret, SECRET_PASSWORD, TestUsers.PASSWORD));
    forbidden.addAll(tokensSeen);
    String text = log.text();
    for (String value : forbidden) {
      assertFalse(text.contains(value), "the log must not hold " + abbreviate(value));
    }
    for (String hashPrefix : List.of("$2a$", "$2b$", "$2y$")) {
      assertFalse(text.contains(hashPrefix), "the log must not hold a bcrypt hash");
    }
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
