package org.conduit.admin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Function;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.conduit.user.NewUser;
import org.conduit.user.UserService;
import org.junit.jupiter.api.Test;

/**
 * The admin API: who may call each endpoint (anonymous, an ordinary user, staff, a superuser,
 * deactivated staff), the rules that keep the site runnable, and the audit log.
 */
@QuarkusTest
class AdminApiTest {

  @Inject UserService users;
  @Inject Administration administration;
  @Inject AgroalDataSource dataSource;
  @Inject DatabaseChanges changes;

  /** A superuser made as create-superuser makes one, signed in. */
  private Account superuser() {
    String name = TestUsers.unique("root");
    String email = name.toLowerCase() + "@example.com";
    users.createSuperuser(new NewUser(email, name, TestUsers.PASSWORD), created -> {});
    return TestUsers.login(email, name);
  }

  /** An ordinary account made staff by a superuser through the API. */
  private Account staff(Account superuser) {
    Account staff = TestUsers.register();
    call(
            superuser,
            Method.PUT,
            "/api/admin/users/" + staff.username() + "/staff",
            Map.of("staff", true))
        .then()
        .statusCode(200)
        .body("user.staff", equalTo(true));
    return staff;
  }

  private static io.restassured.response.Response call(
      Account caller, Method method, String path, Object body) {
    RequestSpecification request = caller == null ? given() : caller.auth();
    if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    return request.request(method, path);
  }

  /** One endpoint of the matrix: how to call it, and whether staff (not only superusers) may. */
  private record Endpoint(
      String name, Method method, Function<Account, String> path, Object body, boolean staff) {}

  @Test
  void everyEndpointChecksWhoCalls() {
    Account root = superuser();
    Account staff = staff(root);
    Account ordinary = TestUsers.register();
    Account demoted = staff(root);
    administration.setActive(Actor.commandLine(), demoted.username(), false, "matrix");

    List<Endpoint> endpoints =
        List.of(
            new Endpoint("search", Method.GET, caller -> "/api/admin/users?search=u", null, true),
            new Endpoint(
                "one", Method.GET, caller -> "/api/admin/users/" + ordinary.username(), null, true),
            new Endpoint(
                "articles",
                Method.GET,
                caller -> "/api/admin/users/" + ordinary.username() + "/articles",
                null,
                true),
            new Endpoint(
                "comments",
                Method.GET,
                caller -> "/api/admin/users/" + ordinary.username() + "/comments",
                null,
                true),
            new Endpoint(
                "deactivate",
                Method.POST,
                caller -> "/api/admin/users/" + TestUsers.register().username() + "/deactivate",
                Map.of("reason", "spam"),
                true),
            new Endpoint(
                "reactivate",
                Method.POST,
                caller -> "/api/admin/users/" + TestUsers.register().username() + "/reactivate",
                Map.of("reason", "appeal"),
                true),
            new Endpoint(
                "staff",
                Method.PUT,
                caller -> "/api/admin/users/" + TestUsers.register().username() + "/staff",
                Map.of("staff", true),
                false),
            new Endpoint(
                "delete article",
                Method.DELETE,
                caller -> "/api/admin/articles/" + TestArticles.create(ordinary) + "?reason=spam",
                null,
                true),
            new Endpoint(
                "delete comment",
                Method.DELETE,
                caller -> {
                  String slug = TestArticles.create(ordinary);
                  return "/api/admin/articles/"
                      + slug
                      + "/comments/"
                      + comment(ordinary, slug)
                      + "?reason=spam";
                },
                null,
                true),
            new Endpoint(
                "password reset",
                Method.POST,
                caller -> "/api/admin/users/" + TestUsers.register().username() + "/password-reset",
                Map.of("reason", "asked by phone"),
                false),
            new Endpoint("audit", Method.GET, caller -> "/api/admin/audit", null, true));

    for (Endpoint endpoint : endpoints) {
      String what = endpoint.name();
      call(null, endpoint.method(), endpoint.path().apply(null), endpoint.body())
          .then()
          .statusCode(401);
      call(demoted, endpoint.method(), endpoint.path().apply(demoted), endpoint.body())
          .then()
          .statusCode(401)
          .body("errors.token", contains("This user has been deactivated."));
      call(ordinary, endpoint.method(), endpoint.path().apply(ordinary), endpoint.body())
          .then()
          .statusCode(403)
          .body("errors.permission", contains("forbidden"));
      int staffStatus =
          call(staff, endpoint.method(), endpoint.path().apply(staff), endpoint.body())
              .then()
              .extract()
              .statusCode();
      if (endpoint.staff()) {
        assertTrue(staffStatus / 100 == 2, what + " by staff: " + staffStatus);
      } else {
        assertEquals(403, staffStatus, what + " by staff");
      }
      int rootStatus =
          call(root, endpoint.method(), endpoint.path().apply(root), endpoint.body())
              .then()
              .extract()
              .statusCode();
      assertTrue(rootStatus / 100 == 2, what + " by a superuser: " + rootStatus);
    }
  }

  @Test
  void staffModerateOrdinaryAccountsAndOnlySuperusersActOnStaff() {
    Account root = superuser();
    Account staff = staff(root);
    Account colleague = staff(root);
    Account abuser = TestUsers.register();

    // Staff deactivate an abuser, whose token is refused at once by the public API.
    call(
            staff,
            Method.POST,
            "/api/admin/users/" + abuser.username() + "/deactivate",
            Map.of("reason", "spam"))
        .then()
        .statusCode(200)
        .body("user.active", equalTo(false));
    abuser.auth().get("/api/user").then().statusCode(401);
    // Not a colleague, nor their own account, nor without a reason.
    call(
            staff,
            Method.POST,
            "/api/admin/users/" + colleague.username() + "/deactivate",
            Map.of("reason", "x"))
        .then()
        .statusCode(403)
        .body("errors.permission", contains("forbidden"));
    call(
            root,
            Method.POST,
            "/api/admin/users/" + root.username() + "/deactivate",
            Map.of("reason", "x"))
        .then()
        .statusCode(409)
        .body("errors.user", contains("cannot deactivate yourself"));
    call(
            staff,
            Method.POST,
            "/api/admin/users/" + TestUsers.register().username() + "/deactivate",
            Map.of())
        .then()
        .statusCode(422)
        .body("errors.reason", contains("can't be blank"));
    call(
            staff,
            Method.POST,
            "/api/admin/users/nobody-" + TestUsers.unique("x") + "/deactivate",
            Map.of("reason", "x"))
        .then()
        .statusCode(404)
        .body("errors.user", contains("not found"));
    // Reactivated, the abuser signs in again, but the old token stays refused.
    call(
            staff,
            Method.POST,
            "/api/admin/users/" + abuser.username() + "/reactivate",
            Map.of("reason", "appeal"))
        .then()
        .statusCode(200)
        .body("user.active", equalTo(true));
    abuser.auth().get("/api/user").then().statusCode(401);
    TestUsers.login(abuser.email(), abuser.username())
        .auth()
        .get("/api/user")
        .then()
        .statusCode(200);

    // A superuser withdraws a colleague's staff status: their next request is refused.
    call(
            root,
            Method.PUT,
            "/api/admin/users/" + colleague.username() + "/staff",
            Map.of("staff", false))
        .then()
        .statusCode(200)
        .body("user.staff", equalTo(false));
    colleague.auth().get("/api/admin/audit").then().statusCode(403);
    call(root, Method.PUT, "/api/admin/users/" + root.username() + "/staff", Map.of("staff", false))
        .then()
        .statusCode(409)
        .body("errors.user", contains("cannot change your own staff status"));
  }

  @Test
  void aFlagChangedElsewhereCountsOnTheNextRequest() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(changes::live);
    Account root = superuser();
    Account staff = staff(root);
    staff.auth().get("/api/admin/audit").then().statusCode(200);
    sql("UPDATE users SET is_staff = false WHERE username = '" + staff.username() + "'");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> staff.auth().get("/api/admin/audit").then().statusCode(403));
  }

  @Test
  void theLastActiveSuperuserStays() throws Exception {
    Account first = superuser();
    Account second = superuser();
    // Other tests' superusers would keep the site runnable: only these two count here.
    sql(
        "UPDATE users SET is_superuser = false, is_staff = false WHERE is_superuser AND username"
            + " NOT IN ('"
            + first.username()
            + "', '"
            + second.username()
            + "')");
    // Each tries to demote the other at the same moment: one of them stays.
    CyclicBarrier together = new CyclicBarrier(2);
    CompletableFuture<Integer> byFirst = demoteAsync(first, second, together);
    CompletableFuture<Integer> bySecond = demoteAsync(second, first, together);
    List<Integer> statuses = List.of(byFirst.get(), bySecond.get());
    assertTrue(statuses.contains(200), "one demotion succeeds: " + statuses);
    assertEquals(1, activeSuperusers(), "statuses " + statuses);

    Account last = statuses.get(0) == 200 ? first : second;
    refused(
        409,
        "is the last active superuser",
        () -> administration.setActive(Actor.commandLine(), last.username(), false, "x"));
    refused(
        409,
        "is the last active superuser",
        () -> administration.setStaff(Actor.commandLine(), last.username(), false, "x"));
    assertEquals(1, activeSuperusers());
  }

  @Test
  void everyActionIsInTheAuditLogNewestFirst() {
    Account root = superuser();
    Account staff = staff(root);
    Account abuser = TestUsers.register();
    String slug = TestArticles.create(abuser);
    String comment = comment(abuser, TestArticles.create(abuser));
    String commented = TestArticles.create(abuser);
    String otherComment = comment(abuser, commented);

    call(
            staff,
            Method.POST,
            "/api/admin/users/" + abuser.username() + "/deactivate",
            Map.of("reason", "spam links"))
        .then()
        .statusCode(200);
    call(staff, Method.DELETE, "/api/admin/articles/" + slug + "?reason=phishing", null)
        .then()
        .statusCode(204);
    call(
            staff,
            Method.DELETE,
            "/api/admin/articles/" + commented + "/comments/" + otherComment + "?reason=abuse",
            null)
        .then()
        .statusCode(204);
    administration.setActive(Actor.commandLine(), abuser.username(), true, null);
    // A hidden article (its author was deactivated) can still be taken down, and is gone after.
    given().get("/api/articles/" + slug).then().statusCode(404);

    staff
        .auth()
        .get("/api/admin/audit?limit=5")
        .then()
        .statusCode(200)
        .body("entriesCount", notNullValue())
        .body("entries[0].actor", equalTo(Actor.COMMAND_LINE))
        .body("entries[0].action", equalTo("reactivate"))
        .body("entries[0].target", equalTo("user " + abuser.username()))
        .body("entries[1].actor", equalTo(staff.username()))
        .body("entries[1].action", equalTo("delete comment"))
        .body("entries[1].target", containsString("comment " + otherComment))
        .body("entries[1].reason", equalTo("abuse"))
        .body("entries[2].action", equalTo("delete article"))
        .body("entries[2].target", equalTo("article " + slug + " by " + abuser.username()))
        .body("entries[2].reason", equalTo("phishing"))
        .body("entries[3].action", equalTo("deactivate"))
        .body("entries[3].reason", equalTo("spam links"))
        .body("entries[4].action", equalTo("grant staff"))
        .body("entries[4].actor", equalTo(root.username()));
    // The comment that was not taken down is still there.
    staff
        .auth()
        .get("/api/admin/users/" + abuser.username() + "/comments")
        .then()
        .body("comments.id", hasItem(Integer.parseInt(comment)));
  }

  @Test
  void theAuditLogRefusesChanges() {
    superuser();
    for (String change :
        List.of("UPDATE admin_audit SET reason = 'rewritten'", "DELETE FROM admin_audit")) {
      SQLException refused = assertThrows(SQLException.class, () -> sql(change));
      assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }
  }

  @Test
  void searchFindsAccountsByTheStartOfTheirEmailOrUsername() {
    Account root = superuser();
    String prefix = TestUsers.unique("find_");
    Account one = TestUsers.register(prefix + "one");
    Account two = TestUsers.register(prefix + "two");
    TestUsers.login(one.email(), one.username());
    root.auth()
        .get("/api/admin/users?search={s}", prefix.toUpperCase())
        .then()
        .statusCode(200)
        .body("usersCount", equalTo(2))
        .body("users.username", contains(one.username(), two.username()))
        .body("users[0].articlesCount", equalTo(0))
        .body("users[0].lastLogin", notNullValue())
        .body("users[1].lastLogin", org.hamcrest.Matchers.nullValue());
    // LIKE's own wildcards are text here: "find%" finds nothing.
    root.auth()
        .get("/api/admin/users?search={s}", prefix.substring(0, 4) + "%")
        .then()
        .body("usersCount", equalTo(0));
    root.auth()
        .get("/api/admin/users?search={s}&limit=1&offset=1", one.email().substring(0, 12))
        .then()
        .body("users", org.hamcrest.Matchers.hasSize(1));
  }

  @Test
  void theSiteIsServedWithAPolicyThatRunsNoInlineScript() {
    given()
        .redirects()
        .follow(false)
        .get("/admin")
        .then()
        .statusCode(302)
        .header("Location", containsString("/admin/"));
    given()
        .get("/admin/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .header("X-Frame-Options", equalTo("DENY"));
    given()
        .get("/admin/admin.js")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", notNullValue());
  }

  private CompletableFuture<Integer> demoteAsync(Account by, Account whom, CyclicBarrier together) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            together.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return call(
                  by,
                  Method.PUT,
                  "/api/admin/users/" + whom.username() + "/staff",
                  Map.of("staff", false))
              .then()
              .extract()
              .statusCode();
        });
  }

  private long activeSuperusers() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        var rows =
            statement.executeQuery("SELECT count(*) FROM users WHERE is_superuser AND is_active")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }

  private static String comment(Account author, String slug) {
    Object id =
        author
            .auth()
            .contentType(ContentType.JSON)
            .body(Map.of("comment", Map.of("body", "a comment")))
            .post("/api/articles/{s}/comments", slug)
            .then()
            .statusCode(201)
            .extract()
            .path("comment.id");
    return String.valueOf(id);
  }

  /** Asserts that a call is refused with this status and message. */
  private static void refused(int status, String message, Runnable call) {
    org.conduit.common.error.ApiException e =
        assertThrows(org.conduit.common.error.ApiException.class, call::run);
    assertEquals(status, e.status());
    assertTrue(e.body().errors().toString().contains(message), e.body().errors().toString());
  }
}
