package org.conduit.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CONDUIT_ADMIN_ENABLED=false}: the site and the API are not there at all. */
@QuarkusTest
@TestProfile(AdminDisabledTest.AdminOff.class)
class AdminDisabledTest {

  public static class AdminOff implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("conduit.admin.enabled", "false");
    }
  }

  @Test
  void everyAdminPathIsAnUnknownPath() {
    for (String path : new String[] {"/admin", "/admin/", "/admin/admin.js", "/api/admin/users"}) {
      given().get(path).then().statusCode(404).body("errors.path", contains("not found"));
    }
    given().get("/api/tags").then().statusCode(200);
  }
}
