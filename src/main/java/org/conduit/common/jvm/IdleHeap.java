package org.conduit.common.jvm;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives the heap that G1 grew under load back to the system once the service is idle. G1 keeps what
 * it committed for the busiest moment; with {@code G1PeriodicGCInterval} (JEP 346) it runs a
 * concurrent collection when none has run for the interval, and then uncommits what it does not
 * need. Under load collections come far more often, so this adds none there. Set at start through
 * the JVM's management interface ({@code conduit.memory.idle-gc-interval}, 0 for off), unless the
 * JVM's own options set it; nothing happens on other collectors or in a native image.
 */
@ApplicationScoped
public class IdleHeap {

  static final String FLAG = "G1PeriodicGCInterval";

  private static final Logger LOG = Logger.getLogger(IdleHeap.class);

  /** Where a value may come from that this class may replace: nobody, or itself before. */
  private static final Set<VMOption.Origin> OURS =
      Set.of(VMOption.Origin.DEFAULT, VMOption.Origin.MANAGEMENT);

  private final Duration interval;

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
    }
  }

  static boolean usesG1() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .anyMatch(collector -> collector.getName().startsWith("G1 "));
  }
}
