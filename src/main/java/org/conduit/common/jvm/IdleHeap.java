package org.conduit.common.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives the memory that the service grew under load back to the system once it is idle.
 *
 * <p>G1 keeps the heap it committed for the busiest moment; with {@code G1PeriodicGCInterval} (JEP
 * 346) it runs a concurrent collection when none has run for the interval. Under load collections
 * come far more often, so that adds none there. The first such idle collection after some work is
 * followed by a full one, which compacts the few live objects and, with less free heap kept than
 * under load (see {@link #compact()}), gives back more than the concurrent one can (about 40 ms for
 * this service's 30 MB of live objects, with nobody waiting), and by trimming the C library's heap,
 * which keeps what the JVM's threads freed under load ({@code System.trim_native_heap}). Both
 * happen once per idle spell.
 *
 * <p>The interval is set at start through the JVM's management interface ({@code
 * conduit.memory.idle-gc-interval}, 0 for off). When the JVM's own options set it, they win and
 * this adds nothing; nothing happens on other collectors or in a native image.
 */
@ApplicationScoped
public class IdleHeap {

  static final String FLAG = "G1PeriodicGCInterval";

  /** The cause G1 gives its idle collection. */
  static final String IDLE_CAUSE = "G1 Periodic Collection";

  /** The cause of this class's own full collection. */
  static final String OWN_CAUSE = "System.gc()";

  static final String MIN_FREE = "MinHeapFreeRatio";
  static final String MAX_FREE = "MaxHeapFreeRatio";

  /** The free-heap ratios (%) of the idle compaction: at most 30% of the heap left free. */
  static final int TIGHT_MIN_FREE = 10;

  static final int TIGHT_MAX_FREE = 30;

  private static final Logger LOG = Logger.getLogger(IdleHeap.class);

  /** Where a value may come from that this class may replace: nobody, or itself before. */
  private static final Set<VMOption.Origin> OURS =
      Set.of(VMOption.Origin.DEFAULT, VMOption.Origin.MANAGEMENT);

  private final Duration interval;
  private final NotificationListener listener = this::onCollection;
  private final List<NotificationEmitter> collectors = new ArrayList<>();

  /** A collection for another cause (work) since the last compaction; the start counts. */
  private final AtomicBoolean workedSinceCompaction = new AtomicBoolean(true);

  private final AtomicInteger compactions = new AtomicInteger();

  public IdleHeap(@ConfigProperty(name = "conduit.memory.idle-gc-interval") Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("conduit.memory.idle-gc-interval must be 0 or more");
    }
    this.interval = interval;
  }

  void onStart(@Observes StartupEvent event) {
    if (ImageMode.current().isNativeImage() || !usesG1()) {
      return;
    }
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      VMOption current = vm.getVMOption(FLAG);
      if (!OURS.contains(current.getOrigin())) {
        LOG.debugf("%s=%s ms comes from the JVM's options; kept", FLAG, current.getValue());
        return;
      }
      vm.setVMOption(FLAG, Long.toString(interval.toMillis()));
    } catch (RuntimeException e) {
      // A JVM without the flag, or one that does not let it be set: the heap just stays as grown.
      LOG.debugf("%s not set: %s", FLAG, e.toString());
      return;
    }
    if (!interval.isZero()) {
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (collector instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(listener, null, null);
          collectors.add(emitter);
        }
      }
    }
  }

  /** The listeners are the JVM's, not the application's: a dev-mode restart must not add more. */
  void onStop(@Observes ShutdownEvent event) {
    for (NotificationEmitter emitter : collectors) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
    collectors.clear();
  }

  private void onCollection(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    String cause =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
            .getGcCause();
    if (compactAfter(cause)) {
      // Not on the JVM's notification thread, which a full collection would hold up.
      Thread compaction = new Thread(this::compact, "conduit-idle-compaction");
      compaction.setDaemon(true);
      compaction.start();
    }
  }

  /**
   * Whether the collection just reported calls for a compaction: the first idle collection after
   * work does; later ones in the same idle spell, and this class's own collections, do not.
   */
  boolean compactAfter(String cause) {
    if (IDLE_CAUSE.equals(cause)) {
      return workedSinceCompaction.getAndSet(false);
    }
    if (!OWN_CAUSE.equals(cause)) {
      workedSinceCompaction.set(true);
    }
    return false;
  }

  /**
   * A full collection that leaves little free heap behind, then the trim. After a full collection
   * G1 keeps up to {@code MaxHeapFreeRatio} of the heap free, 70% by default: over three times what
   * is live. While idle that is memory nobody uses, so for this one collection the ratios are
   * lowered to {@link #TIGHT_MIN_FREE}/{@link #TIGHT_MAX_FREE}, then put back, unless the JVM's
   * options set them. Under load G1 sizes the heap as before, and grows it again within the first
   * requests.
   */
  void compact() {
    List<VMOption> loosened = tighten();
    try {
      System.gc();
    } finally {
      restore(loosened);
    }
    Optional<String> trimmed = trimNativeHeap();
    compactions.incrementAndGet();
    LOG.debugf("idle: heap compacted; %s", trimmed.orElse("native heap not trimmed"));
  }

  /** The previous values of the ratios it lowered, in the order to put them back in. */
  private static List<VMOption> tighten() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    List<VMOption> previous = new ArrayList<>();
    try {
      VMOption min = vm.getVMOption(MIN_FREE);
      VMOption max = vm.getVMOption(MAX_FREE);
      if (!OURS.contains(min.getOrigin()) || !OURS.contains(max.getOrigin())) {
        return previous; // the operator's choice
      }
      // Minimum first: it may never exceed the maximum.
      vm.setVMOption(MIN_FREE, Integer.toString(TIGHT_MIN_FREE));
      previous.add(0, min);
      vm.setVMOption(MAX_FREE, Integer.toString(TIGHT_MAX_FREE));
      previous.add(0, max);
    } catch (RuntimeException e) {
      LOG.debugf("heap free ratios not lowered: %s", e.toString());
    }
    return previous;
  }

  private static void restore(List<VMOption> previous) {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    for (VMOption option : previous) {
      try {
        vm.setVMOption(option.getName(), option.getValue());
      } catch (RuntimeException e) {
        LOG.warnf("%s could not be put back to %s: %s", option.getName(), option.getValue(), e);
      }
    }
  }

  /** How many compactions this instance has run. */
  int compactions() {
    return compactions.get();
  }

  /**
   * Has the C library give freed memory back to the system ({@code jcmd <pid>
   * System.trim_native_heap}, JDK 17.0.9 and later on Linux); the JVM's report, or empty where the
   * JVM has no such command.
   */
  static Optional<String> trimNativeHeap() {
    try {
      Object report =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "systemTrimNativeHeap",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      return Optional.of(String.valueOf(report).strip());
    } catch (JMException | RuntimeException e) {
      LOG.debugf("native heap not trimmed: %s", e.toString());
      return Optional.empty();
    }
  }

  static boolean usesG1() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .anyMatch(collector -> collector.getName().startsWith("G1 "));
  }
}
