import io.quarkus.elytron.security.common.BcryptUtil;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The raw rate of bcrypt verifications on one thread (one core), with the service's own Elytron
 * BcryptUtil, for the harness's hashing limit. Run as a single-file program on the service's class
 * path: {@code java -cp 'target/quarkus-app/lib/main/*' bench/BcryptRate.java COST SECONDS}.
 * Prints verifications per second of wall time, then per second of this thread's CPU time (which
 * hardly depends on what else the machine runs).
 */
public class BcryptRate {

  public static void main(String[] args) {
    int cost = Integer.parseInt(args[0]);
    double seconds = Double.parseDouble(args[1]);
    // What PasswordHasher gives bcrypt: a 44-character Base64 SHA-256 digest.
    String password = "q3R0bmV4dC1iZW5jaC1wYXNzd29yZC1kaWdlc3QtMDAw";
    String hash = BcryptUtil.bcryptHash(password, cost);
    for (int i = 0; i < 2; i++) {
      BcryptUtil.matches(password, hash);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long n = 0;
    while (System.nanoTime() < end || n == 0) {
      if (!BcryptUtil.matches(password, hash)) {
        throw new IllegalStateException("bcrypt did not verify its own hash");
      }
      n++;
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf("%.3f %.3f%n", n / wall, n / cpu);
  }
}
