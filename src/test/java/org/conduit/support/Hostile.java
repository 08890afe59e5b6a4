package org.conduit.support;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * The hostile-input harness: requests as an attacker would send them, byte for byte (raw bodies,
 * chunked bodies, duplicate headers, no content type), through the JDK client over HTTP/1.1 so that
 * nothing is "fixed" on the way. {@link #jsonBodyAttacks} turns any JSON endpoint into the generic
 * rows every body-taking endpoint must survive; an endpoint family joins the run by adding one
 * {@link Endpoint} and its own field rows.
 */
public final class Hostile {

  private Hostile() {}

  /** A JSON endpoint: method, path, whether it needs a token, and its root key. */
  public record Endpoint(String method, String path, boolean auth, String root) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** One request and what must come back: a status and, for failures, the {@code errors} key. */
  public record Case(
      String name,
      String method,
      String path,
      boolean auth,
      List<String[]> headers,
      String contentType,
      byte[] body,
      boolean chunked,
      int status,
      String errorKey) {

    @Override
    public String toString() {
      return method
          + " "
          + (path.length() > 60 ? path.substring(0, 60) + "..." : path)
          + ": "
          + name;
    }

    public Case withHeader(String name, String value) {
      List<String[]> more = new ArrayList<>(headers);
      more.add(new String[] {name, value});
      return new Case(
          this.name, method, path, auth, more, contentType, body, chunked, status, errorKey);
    }

    public Case named(String newName) {
      return new Case(
          newName, method, path, auth, headers, contentType, body, chunked, status, errorKey);
    }
  }

  public static Case json(String name, Endpoint e, String body, int status, String errorKey) {
    return raw(
        name, e.method(), e.path(), e.auth(), "application/json", bytes(body), status, errorKey);
  }

  public static Case raw(
      String name,
      String method,
      String path,
      boolean auth,
      String contentType,
      byte[] body,
      int status,
      String errorKey) {
    return new Case(
        name, method, path, auth, List.of(), contentType, body, false, status, errorKey);
  }

  public static Case get(String name, String path, boolean auth, int status, String errorKey) {
    return raw(name, "GET", path, auth, null, null, status, errorKey);
  }

  /** The rows every endpoint that reads a JSON body must answer with a 4xx envelope. */
  public static List<Case> jsonBodyAttacks(Endpoint e, int maxBodyBytes) {
    String root = e.root();
    List<Case> cases = new ArrayList<>();
    cases.add(json("truncated JSON", e, "{\"" + root + "\":{\"email\":\"a@b.co\"", 422, root));
    cases.add(json("malformed JSON", e, "{" + root + ": 1,}", 422, "body"));
    cases.add(json("empty body", e, "", 422, "body"));
    cases.add(json("null body", e, "null", 422, "body"));
    cases.add(json("array body", e, "[]", 422, "body"));
    cases.add(json("number body", e, "42", 422, "body"));
    cases.add(json("string body", e, "\"" + root + "\"", 422, "body"));
    cases.add(json("trailing garbage", e, "{\"" + root + "\":{}} {}", 422, "body"));
    cases.add(json("root null", e, "{\"" + root + "\":null}", 422, root));
    cases.add(json("root array", e, "{\"" + root + "\":[]}", 422, root));
    cases.add(json("root number", e, "{\"" + root + "\":7}", 422, root));
    cases.add(
        json(
            "5000 levels of nesting",
            e,
            "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            422,
            "body"));
    cases.add(json("20000 open brackets", e, "[".repeat(20000), 422, "body"));
    cases.add(
        json(
            "body over the limit",
            e,
            "{\"" + root + "\":{\"bio\":\"" + "x".repeat(maxBodyBytes + 1) + "\"}}",
            413,
            "body"));
    Case chunked =
        json(
            "chunked body over the limit",
            e,
            "{\"" + root + "\":{\"bio\":\"" + "x".repeat(maxBodyBytes * 2) + "\"}}",
            413,
            "body");
    cases.add(
        new Case(
            chunked.name(),
            chunked.method(),
            chunked.path(),
            chunked.auth(),
            chunked.headers(),
            chunked.contentType(),
            chunked.body(),
            true,
            chunked.status(),
            chunked.errorKey()));
    cases.add(
        raw(
            "text/plain",
            e.method(),
            e.path(),
            e.auth(),
            "text/plain",
            bytes("hello"),
            415,
            "content-type"));
    cases.add(
        raw(
            "form encoded",
            e.method(),
            e.path(),
            e.auth(),
            "application/x-www-form-urlencoded",
            bytes(root + "=1"),
            415,
            "content-type"));
    cases.add(
        raw(
            "no content type",
            e.method(),
            e.path(),
            e.auth(),
            null,
            bytes("{\"" + root + "\":{}}"),
            415,
            "content-type"));
    cases.add(
        raw(
            "invalid UTF-8",
            e.method(),
            e.path(),
            e.auth(),
            "application/json",
            new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
            422,
            "body"));
    return cases;
  }

  /** What came back. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(h -> h.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  public static Answer send(Case c, Supplier<String> token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + c.path()))
            .timeout(Duration.ofSeconds(30));
    HttpRequest.BodyPublisher body;
    if (c.body() == null) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (c.chunked()) {
      body = unknownLength(c.body());
    } else {
      body = HttpRequest.BodyPublishers.ofByteArray(c.body());
    }
    request.method(c.method(), body);
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    if (c.auth()) {
      request.header("Authorization", "Token " + token.get());
    }
    for (String[] header : c.headers()) {
      request.header(header[0], header[1]);
    }
    // A client, and so a connection, of its own for each case: Vert.x answers some of these (414,
    // 431, 400) and closes the connection, and a pooled client could send the next case on that
    // closed connection before it noticed ("header parser received no bytes", seen in CI).
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.headers().map(), response.body());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A body sent with chunked transfer encoding: its length is never announced. */
  private static HttpRequest.BodyPublisher unknownLength(byte[] bytes) {
    HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofByteArray(bytes);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        known.subscribe(subscriber);
      }
    };
  }
}
