package org.conduit.common.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The service started in this JVM, so the JVM now runs G1's idle collection at the interval. */
@QuarkusTest
class IdleHeapTest {

  @Test
  void theStartSetTheIntervalOfTheIdleCollection() {
    assumeTrue(IdleHeap.usesG1(), "the JVM running the tests uses another collector");
    VMOption option =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption(IdleHeap.FLAG);
    assertEquals("60000", option.getValue());
    assertEquals(VMOption.Origin.MANAGEMENT, option.getOrigin());
  }
}
