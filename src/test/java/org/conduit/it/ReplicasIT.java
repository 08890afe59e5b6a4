package org.conduit.it;

import static org.conduit.it.PackagedService.awaitUp;
import static org.conduit.it.PackagedService.freePort;
import static org.conduit.it.PackagedService.get;
import static org.conduit.it.PackagedService.register;
import static org.conduit.it.PackagedService.runToExit;
import static org.conduit.it.PackagedService.send;
import static org.conduit.it.PackagedService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service on one database, as behind a load balancer: tokens issued by
 * either, and the revocations of a password change and a deactivation made on either, hold on both
 * (docs/hardening.md, "Tokens and the Authorization header"); so do password-reset links
 * (docs/account-recovery.md).
 */
class ReplicasIT {

  private static final String SCHEMA =
      System.getenv().getOrDefault("CONDUIT_TEST_SCHEMA", "conduit_test") + "_replicas";

  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

  /** How long a change made on one replica may take to reach the other's caches. */
  private static final long PROPAGATION_MILLIS = 5_000;

  private static final Pattern RESET_LINK =
      Pattern.compile("/account/reset#token=([A-Za-z0-9_-]{43})");

  private static Map<String, String> env;
  private static GreenMail mail;
  private static final Process[] servers = new Process[2];
  private static final URI[] bases = new URI[2];
  private static final Path[] logs = new Path[2];

  @BeforeAll
  static void twoReplicas() throws Exception {
    env = new HashMap<>(PackagedService.freshDatabase(SCHEMA));
    env.put("CONDUIT_JWT_SECRET", "it-only-secret-" + UUID.randomUUID());
    // Behind a proxy on 127.0.0.1: clients told apart by X-Forwarded-For.
    env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
    env.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
    env.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
    // Both replicas mail through one SMTP server (GreenMail, in this JVM).
    int smtp = freePort();
    mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    env.put("CONDUIT_MAIL_HOST", "127.0.0.1");
    env.put("CONDUIT_MAIL_PORT", Integer.toString(smtp));
    env.put("CONDUIT_MAIL_START_TLS", "DISABLED");
    env.put("CONDUIT_PUBLIC_URL", "http://conduit.example.com");
    // One migrates, then the other starts on the migrated schema, as in a rolling deployment.
    for (int i = 0; i < 2; i++) {
      int port = freePort();
      Map<String, String> replica = new HashMap<>(env);
      replica.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      replica.put("QUARKUS_SHUTDOWN_DELAY", "0S");
      logs[i] = Files.createTempFile("conduit-replica-" + i, ".log");
      servers[i] = start(replica, logs[i]);
      bases[i] = URI.create("http://127.0.0.1:" + port);
      awaitUp(bases[i].resolve("/q/health/ready"), servers[i], logs[i]);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (mail != null) {
      mail.stop();
    }
    for (Process server : servers) {
      if (server != null) {
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void revocationsMadeOnOneReplicaHoldOnBoth() throws Exception {
    String name = "rep" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    String email = name + "@example.com";
    String first = token(register(bases[0], name, "the first passphrase"), 201);
    String fromB = login(1, email, "the first passphrase");
    String fromA = login(0, email, "the first passphrase");
    everywhere(200, first, fromA, fromB);

    // A password change on B with A's token: that token and B's reply live on, on both.
    String reply = changePassword(1, first, "the second passphrase");
    everywhere(200, first, reply);
    everywhere(401, fromA, fromB);

    // Again on A with the same token: it stays, the newest reply too, the first reply goes.
    String newest = changePassword(0, first, "the third passphrase");
    everywhere(200, first, newest);
    everywhere(401, reply);
    assertEquals(
        401, status(send("PUT", bases[1].resolve("/api/user"), fromB, password("x1234567"))));

    // Deactivated on A by a superuser, reactivated on B: every token ends for good.
    String staff = superuser(name);
    assertEquals(200, status(staffAction(0, staff, name, "deactivate")));
    everywhere(401, first, newest);
    assertEquals(200, status(staffAction(1, staff, name, "reactivate")));
    everywhere(401, first, newest, reply, fromA, fromB);
    everywhere(200, login(1, email, "the third passphrase"));
  }

  @Test
  void aResetLinkWorksOnceOnEitherReplicaAndEndsEveryTokenOnBoth() throws Exception {
    String name = "rst" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    String email = name + "@example.com";
    String first = token(register(bases[0], name, "the first passphrase"), 201);
    String fromB = login(1, email, "the first passphrase");

    // Asked on B, used on A: the token works once, on either replica.
    String link = resetLink(1, email, 1);
    String signedIn = token(confirm(0, link, "the second passphrase"), 200);
    assertEquals(422, status(confirm(1, link, "the third passphrase")));
    assertEquals(422, status(confirm(0, link, "the third passphrase")));
    everywhere(401, first, fromB);
    everywhere(200, signedIn);

    // Asked on A, then the password changed on B: the link is void on both.
    String second = resetLink(0, email, 2);
    changePassword(1, signedIn, "the third passphrase");
    assertEquals(422, status(confirm(0, second, "the fourth passphrase")));
    assertEquals(422, status(confirm(1, second, "the fourth passphrase")));
    everywhere(200, login(0, email, "the third passphrase"));
  }

  @Test
  void aNewerLinkOrADeactivationOnOneReplicaVoidsALinkOnBoth() throws Exception {
    String name = "rsn" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    String email = name + "@example.com";
    assertEquals(201, status(register(bases[0], name, "the first passphrase")));

    // Asked on A, then again on B: only the newer link works, on either replica.
    String older = resetLink(0, email, 1);
    String newer = resetLink(1, email, 2);
    assertEquals(422, status(confirm(1, older, "the second passphrase")));
    assertEquals(422, status(confirm(0, older, "the second passphrase")));
    everywhere(200, token(confirm(0, newer, "the second passphrase"), 200));

    // Asked on B, then the account deactivated on A: the link is void on both.
    String last = resetLink(1, email, 3);
    assertEquals(200, status(staffAction(0, superuser(name), name, "deactivate")));
    assertEquals(422, status(confirm(1, last, "the third passphrase")));
    assertEquals(422, status(confirm(0, last, "the third passphrase")));
  }

  /** A superuser made by the command line for a test of {@code name}; a token from replica A. */
  private static String superuser(String name) throws Exception {
    String admin = "admin" + name;
    String created =
        runToExit(
            env,
            "create-superuser",
            "--email",
            admin + "@example.com",
            "--username",
            admin,
            "--password=an admin passphrase");
    assertTrue(created.startsWith("0\n"), created);
    return login(0, admin + "@example.com", "an admin passphrase");
  }

  /** {@code POST /api/admin/users/{name}/{action}} on {@code replica}, with a reason. */
  private static HttpResponse<String> staffAction(
      int replica, String staff, String name, String action) throws Exception {
    return send(
        "POST",
        bases[replica].resolve("/api/admin/users/" + name + "/" + action),
        staff,
        "{\"reason\":\"replica test\"}");
  }

  /** Asks {@code replica} for a reset of {@code email}; the token of its {@code n}th mail. */
  private static String resetLink(int replica, String email, int n) throws Exception {
    HttpResponse<String> accepted =
        send(
            "POST",
            bases[replica].resolve("/api/users/password-reset"),
            null,
            "{\"user\":{\"email\":\"" + email + "\"}}");
    assertEquals(202, accepted.statusCode(), accepted.body());
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      List<MimeMessage> mails = new ArrayList<>();
      for (MimeMessage received : mail.getReceivedMessages()) {
        if (received.getAllRecipients()[0].toString().equals(email)) {
          mails.add(received);
        }
      }
      if (mails.size() >= n) {
        Matcher link = RESET_LINK.matcher(mails.get(n - 1).getContent().toString());
        assertTrue(link.find(), "a link in the mail");
        return link.group(1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no reset mail for " + email + " within 20 s");
  }

  private static HttpResponse<String> confirm(int replica, String token, String password)
      throws Exception {
    return send(
        "POST",
        bases[replica].resolve("/api/users/password-reset/confirm"),
        null,
        "{\"user\":{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}}");
  }

  @Test
  void failedLoginsCountOnBothReplicasTogether() throws Exception {
    String name = "thr" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    String email = name + "@example.com";
    assertEquals(201, status(register(bases[0], name, "the right passphrase")));
    for (int i = 0; i < 10; i++) {
      assertEquals(401, loginFrom(i % 2, "203.0.113.5", email, "wrong " + i).statusCode());
    }
    for (int replica = 0; replica < 2; replica++) {
      HttpResponse<String> refused =
          loginFrom(replica, "203.0.113.5", email, "the right passphrase");
      assertEquals(429, refused.statusCode(), refused.body());
      assertTrue(refused.headers().firstValue("Retry-After").isPresent());
      assertEquals(
          200, loginFrom(replica, "198.51.100.7", email, "the right passphrase").statusCode());
    }
  }

  private static HttpResponse<String> loginFrom(
      int replica, String address, String email, String password) throws Exception {
    return send(
        "POST",
        bases[replica].resolve("/api/users/login"),
        null,
        "{\"user\":{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}}",
        "X-Forwarded-For",
        address);
  }

  /** Each token gets {@code status} from GET /api/user on both replicas, soon. */
  private static void everywhere(int status, String... tokens) throws Exception {
    long deadline = System.currentTimeMillis() + PROPAGATION_MILLIS;
    for (String token : tokens) {
      for (URI base : bases) {
        HttpResponse<String> answer = get(base.resolve("/api/user"), token);
        while (answer.statusCode() != status && System.currentTimeMillis() < deadline) {
          Thread.sleep(50);
          answer = get(base.resolve("/api/user"), token);
        }
        assertEquals(status, answer.statusCode(), base + ": " + answer.body());
      }
    }
  }

  /** A login from 127.0.0.1, the proxy's own address. */
  private static String login(int replica, String email, String password) throws Exception {
    return token(loginFrom(replica, "127.0.0.1", email, password), 200);
  }

  private static String changePassword(int replica, String token, String password)
      throws Exception {
    return token(send("PUT", bases[replica].resolve("/api/user"), token, password(password)), 200);
  }

  private static String password(String password) {
    return "{\"user\":{\"password\":\"" + password + "\"}}";
  }

  private static String token(HttpResponse<String> answer, int status) {
    assertEquals(status, answer.statusCode(), answer.body());
    Matcher token = TOKEN.matcher(answer.body());
    assertTrue(token.find(), answer.body());
    return token.group(1);
  }

  private static int status(HttpResponse<String> answer) {
    return answer.statusCode();
  }
}
