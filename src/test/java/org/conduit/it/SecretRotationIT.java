package org.conduit.it;

import static org.conduit.it.PackagedService.awaitUp;
import static org.conduit.it.PackagedService.freePort;
import static org.conduit.it.PackagedService.register;
import static org.conduit.it.PackagedService.send;
import static org.conduit.it.PackagedService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rotating the token secret, the answer to a leaked one, does not reset the login throttle: the
 * client addresses are hashed with a key of their own (V62), so a lock made before the rotation
 * holds after it (docs/hardening.md, "Throttling").
 */
class SecretRotationIT {

  private static final String SCHEMA =
      System.getenv().getOrDefault("CONDUIT_TEST_SCHEMA", "conduit_test") + "_rotation";

  @Test
  void aLockOutlivesARotationOfTheTokenSecret() throws Exception {
    Map<String, String> env = new HashMap<>(PackagedService.freshDatabase(SCHEMA));
    env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
    env.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
    env.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
    env.put("QUARKUS_SHUTDOWN_DELAY", "0S");
    String name = "rot" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    String email = name + "@example.com";

    URI base = serve(env, "before-rotation-" + UUID.randomUUID());
    try {
      assertEquals(201, register(base, name, "the right passphrase").statusCode());
      for (int i = 0; i < 10; i++) {
        assertEquals(401, login(base, "203.0.113.9", email, "wrong " + i).statusCode());
      }
      assertEquals(429, login(base, "203.0.113.9", email, "the right passphrase").statusCode());
    } finally {
      stop();
    }

    base = serve(env, "after-rotation-" + UUID.randomUUID());
    try {
      HttpResponse<String> still = login(base, "203.0.113.9", email, "the right passphrase");
      assertEquals(429, still.statusCode(), "the lock holds after the rotation: " + still.body());
      assertEquals(200, login(base, "198.51.100.7", email, "the right passphrase").statusCode());
    } finally {
      stop();
    }
  }

  private Process server;

  private URI serve(Map<String, String> env, String secret) throws Exception {
    Map<String, String> replica = new HashMap<>(env);
    int port = freePort();
    replica.put("CONDUIT_JWT_SECRET", secret);
    replica.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    Path log = Files.createTempFile("conduit-rotation", ".log");
    server = start(replica, log);
    URI base = URI.create("http://127.0.0.1:" + port);
    awaitUp(base.resolve("/q/health/ready"), server, log);
    return base;
  }

  private void stop() throws Exception {
    server.destroy();
    assertTrue(server.waitFor(60, TimeUnit.SECONDS));
  }

  private static HttpResponse<String> login(URI base, String from, String email, String password)
      throws Exception {
    return send(
        "POST",
        base.resolve("/api/users/login"),
        null,
        "{\"user\":{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}}",
        "X-Forwarded-For",
        from);
  }
}
