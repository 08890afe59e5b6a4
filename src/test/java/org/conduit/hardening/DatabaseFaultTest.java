package org.conduit.hardening;

import static org.conduit.support.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conduit.support.TestUsers;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The database drops every connection of this service (as on a restart or a failover) while the
 * service runs: the pool notices on its own and no request after that fails. Only this test run's
 * connections are killed, found by the application name the test profile gives them.
 */
@QuarkusTest
class DatabaseFaultTest {

  private static String applicationName() {
    return ConfigProvider.getConfig()
        .getValue(
            "quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName", String.class);
  }

  /** Terminates the pool's backends from a connection of our own; returns how many. */
  private static int killPoolConnections() throws Exception {
    String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    try (Connection admin = DriverManager.getConnection(url, "postgres", "");
        PreparedStatement kill =
            admin.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    + " AND application_name = ?")) {
      kill.setString(1, applicationName());
      try (ResultSet rs = kill.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** A mix of reads, writes and logins from several threads; returns the count per status. */
  private static Map<Integer, Integer> traffic(List<TestUsers.Account> accounts, int requests)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        TestUsers.Account account = accounts.get(i % accounts.size());
        int kind = i % 3;
        statuses.add(
            pool.submit(
                () ->
                    switch (kind) {
                      case 0 -> account.auth().get("/api/user").then().extract().statusCode();
                      case 1 ->
                          json(account.auth(), Map.of("user", Map.of("bio", "bio " + kind)))
                              .put("/api/user")
                              .then()
                              .extract()
                              .statusCode();
                      default ->
                          json(Map.of(
                                  "user",
                                  Map.of(
                                      "email", account.email(),
                                      "password", account.password())))
                              .post("/api/users/login")
                              .then()
                              .extract()
                              .statusCode();
                    }));
      }
      Map<Integer, Integer> counts = new TreeMap<>();
      for (Future<Integer> status : statuses) {
        counts.merge(status.get(), 1, Integer::sum);
      }
      return counts;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void killedPoolConnectionsAreReplacedWithoutAFailedRequest() throws Exception {
    List<TestUsers.Account> accounts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      accounts.add(TestUsers.register());
    }
    Map<Integer, Integer> before = traffic(accounts, 60);
    assertEquals(Map.of(200, 60), before, "warm-up");
    for (int round = 0; round < 3; round++) {
      int killed = killPoolConnections();
      assertTrue(killed > 0, "the pool had connections to kill");
      Map<Integer, Integer> after = traffic(accounts, 60);
      assertEquals(Map.of(200, 60), after, "round " + round + " after killing " + killed);
    }
  }
}
