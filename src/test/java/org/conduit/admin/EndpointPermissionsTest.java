package org.conduit.admin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

/**
 * Authorization fails closed: every admin endpoint the application exposes, as its OpenAPI document
 * lists them (no list kept here), refuses an anonymous caller (401) and an ordinary user (403). An
 * admin endpoint added without {@code @RolesAllowed}, or one that loses it, fails this.
 */
@QuarkusTest
class EndpointPermissionsTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  @Test
  void everyAdminEndpointRefusesAnonymousCallersAndOrdinaryUsers() {
    Map<String, Map<String, Object>> paths =
        given()
            .accept(ContentType.JSON)
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .path("paths");
    Account ordinary = TestUsers.register();
    Account target = TestUsers.register();
    String slug = TestArticles.create(target);

    List<String> walked = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
      if (!path.getKey().startsWith("/api/admin")) {
        continue;
      }
      String url =
          path.getKey()
              .replace("{username}", target.username())
              .replace("{slug}", slug)
              .replace("{id}", "1");
      for (String method : path.getValue().keySet()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        String endpoint = method.toUpperCase() + " " + path.getKey();
        Response anonymous = call(given(), method, url);
        assertEquals(401, anonymous.statusCode(), endpoint + " anonymous: " + anonymous.asString());
        Response user = call(ordinary.auth(), method, url);
        assertEquals(403, user.statusCode(), endpoint + " by a user: " + user.asString());
        assertEquals("{\"errors\":{\"permission\":[\"forbidden\"]}}", user.asString(), endpoint);
        walked.add(endpoint);
      }
    }
    // The walk itself: the document lists the admin API (eleven endpoints when this was written).
    assertTrue(walked.size() >= 11, "admin endpoints found in the OpenAPI document: " + walked);
  }

  /** The request with a JSON body that would be valid, so that nothing but the caller is wrong. */
  private static Response call(RequestSpecification request, String method, String url) {
    return request
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "permission walk", "staff", true))
        .request(method.toUpperCase(), url);
  }
}
