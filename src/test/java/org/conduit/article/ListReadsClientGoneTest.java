package org.conduit.article;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conduit.support.CapturedLog;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Clients that give up while their deep page waits for a turn (docs/database.md, "Crawlers"): the
 * page is still read when its turn comes, without the request context the client took with it, and
 * nothing is logged; the service answers the next client as before.
 */
@QuarkusTest
@TestProfile(ListReadsClientGoneTest.OneTurnLongQueue.class)
class ListReadsClientGoneTest {

  public static class OneTurnLongQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "conduit.list-reads.concurrency", "1",
          "conduit.list-reads.queue", "200",
          "conduit.list-reads.wait-for", "30s");
    }
  }

  @TestHTTPResource("/")
  URL service;

  @Test
  void aClientThatLeavesWhileWaitingLeavesNoErrorBehind() throws Exception {
    TestArticles.create(TestUsers.register());
    CapturedLog log = CapturedLog.start();
    try {
      // A burst of deep pages no cache holds, each client resetting its connection once sent:
      // most of them are still waiting for the one turn when their client is gone.
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        Socket socket = new Socket(service.getHost(), service.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(
            ("GET /api/articles?offset="
                    + (1000 + i + (int) (Math.random() * 1e6))
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sockets.add(socket);
      }
      for (Socket socket : sockets) {
        socket.setSoLinger(true, 0);
        socket.close();
      }
      // The queue drains; the next client is served.
      for (int i = 0; i < 50; i++) {
        given().get("/api/articles?offset=" + (5000 + i)).then().statusCode(200);
      }
      given().get("/api/articles?offset=999999").then().statusCode(200);
    } finally {
      log.stop();
    }
    String text = log.text();
    assertFalse(text.contains("ContextNotActiveException"), text);
    assertFalse(text.contains("had to drop"), text);
  }
}
