package org.conduit.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free port of 127.0.0.1, and the service's
 * mail pointed at it instead of the log the other tests write mails to. It can be taken {@link
 * #down()} and brought {@link #up()} again on the same port, as a mail server that restarts.
 */
public class MailServer implements QuarkusTestResourceLifecycleManager {

  private static int port;
  private static GreenMail server;
  private static ServerSocket silent;
  private static Thread accepting;
  private static final List<java.net.Socket> held =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @Override
  public Map<String, String> start() {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    up();
    return Map.of(
        "conduit.mail.log-only", "false",
        "conduit.mail.host", "127.0.0.1",
        "conduit.mail.port", String.valueOf(port),
        "conduit.mail.start-tls", "DISABLED",
        "conduit.mail.from", "conduit@example.com",
        // A server that does not answer is not waited for long: each attempt ends within 2 s.
        "conduit.password-reset.mail-timeout", "PT2S");
  }

  @Override
  public void stop() {
    closeSilent();
    down();
  }

  public static synchronized void up() {
    closeSilent();
    if (server == null) {
      server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  public static synchronized void down() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /**
   * A mail server that accepts connections and never says a word: the port is held by a socket that
   * takes connections and leaves them hanging, until {@link #up()}.
   */
  public static synchronized void hanging() {
    down();
    try {
      silent = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket socket = silent;
    accepting =
        new Thread(
            () -> {
              try {
                while (true) {
                  held.add(socket.accept());
                }
              } catch (IOException closed) {
                // closeSilent() closed the socket: it resets what was held
              }
            },
            "silent-mail-server");
    accepting.setDaemon(true);
    accepting.start();
  }

  /**
   * Closes the silent socket and resets every connection it held, before GreenMail binds the port
   * again: a connection closed in the usual way would linger in TIME_WAIT on this port, and
   * GreenMail's bind then failed ("Address already in use", seen once in a test run).
   */
  private static void closeSilent() {
    if (silent == null) {
      return;
    }
    try {
      silent.close();
      accepting.join(5_000);
    } catch (IOException ignored) {
      // closing anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (java.net.Socket connection : held) {
      try {
        connection.setSoLinger(true, 0);
        connection.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    held.clear();
    silent = null;
  }

  /** Every mail received for {@code address} since the server last came up. */
  public static synchronized List<MimeMessage> mailsTo(String address) {
    if (server == null) {
      return List.of();
    }
    return Arrays.stream(server.getReceivedMessages()).filter(mail -> isTo(mail, address)).toList();
  }

  /** A mail's plain-text body, decoded (quoted-printable lines joined). */
  public static String text(MimeMessage mail) {
    try {
      return mail.getContent().toString();
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isTo(MimeMessage mail, String address) {
    try {
      return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
          .anyMatch(to -> to.toString().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
