package org.conduit.throttle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleLimitsTest {

  private static ThrottleSettings perAccount(int failures, Duration window) {
    return perAccount(failures, Math.min(failures, 40), window);
  }

  private static ThrottleSettings perAccount(int failures, int fromNewAddresses, Duration window) {
    return new ThrottleSettings() {
      @Override
      public int loginFailuresPerAccountAndAddress() {
        return 10;
      }

      @Override
      public Duration loginAccountAddressWindow() {
        return Duration.ofMinutes(10);
      }

      @Override
      public int loginFailuresPerAccountFromNewAddresses() {
        return fromNewAddresses;
      }

      @Override
      public int loginFailuresPerAccount() {
        return failures;
      }

      @Override
      public Duration knownAddressPeriod() {
        return Duration.ofDays(30);
      }

      @Override
      public Duration loginAccountWindow() {
        return window;
      }

      @Override
      public int loginFailuresPerAddress() {
        return 50;
      }

      @Override
      public Duration loginAddressWindow() {
        return Duration.ofMinutes(10);
      }

      @Override
      public int registrationsPerAddress() {
        return 20;
      }

      @Override
      public Duration registrationAddressWindow() {
        return Duration.ofHours(1);
      }

      @Override
      public java.util.Optional<String> addressKey() {
        return java.util.Optional.empty();
      }

      @Override
      public int passwordResetsPerAccount() {
        return 3;
      }

      @Override
      public Duration passwordResetAccountWindow() {
        return Duration.ofHours(1);
      }

      @Override
      public int passwordResetsPerAddress() {
        return 10;
      }

      @Override
      public Duration passwordResetAddressWindow() {
        return Duration.ofHours(1);
      }
    };
  }

  @Test
  void theDefaultsStayWithinOwaspAsvsHundredFailuresAnHour() {
    // 50 an hour (the default): at worst 100 in any rolling hour.
    assertDoesNotThrow(() -> Throttle.requireWithinAsvs(perAccount(50, Duration.ofHours(1))));
    assertDoesNotThrow(() -> Throttle.requireWithinAsvs(perAccount(10, Duration.ofMinutes(10))));
  }

  @Test
  void settingsAllowingMoreAreRefusedAtStartUp() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Throttle.requireWithinAsvs(perAccount(10, Duration.ofMinutes(1))));
    assertTrue(e.getMessage().contains("at most 100"), e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> Throttle.requireWithinAsvs(perAccount(60, Duration.ofHours(1))));
    assertThrows(
        IllegalStateException.class,
        () -> Throttle.requireWithinAsvs(perAccount(0, Duration.ofHours(1))));
    // The bound for new addresses cannot be above the bound for all.
    assertThrows(
        IllegalStateException.class,
        () -> Throttle.requireWithinAsvs(perAccount(50, 60, Duration.ofHours(1))));
  }

  @Test
  void logLinesNameTheNetworkNeverTheAddress() {
    assertEquals("203.0.113.x", new ClientAddress.Key("203.0.113.5").network());
    assertEquals(
        "2001:0db8:0001::/48",
        new ClientAddress.Key(ClientAddress.networkOf("2001:db8:1:2:aaaa::1")).network());
    assertEquals("an address", new ClientAddress.Key("unknown").network());
  }

  @Test
  void ipv6ClientsAreKeyedByTheirSlash64() {
    String a = ClientAddress.networkOf("2001:db8:1:2:aaaa::1");
    String b = ClientAddress.networkOf("[2001:db8:1:2:bbbb::2]");
    assertTrue(a.equals(b), a + " / " + b);
    assertTrue(!a.equals(ClientAddress.networkOf("2001:db8:1:3::1")));
    assertTrue(ClientAddress.networkOf("127.0.0.1").equals("127.0.0.1"));
    // Never resolved through DNS.
    assertTrue(ClientAddress.networkOf("Example.COM").equals("example.com"));
  }
}
