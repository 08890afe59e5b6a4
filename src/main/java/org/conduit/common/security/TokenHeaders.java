package org.conduit.common.security;

import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Our tokens' JOSE header holds {@code alg} and {@code typ}, nothing else. A token naming a key
 * ({@code kid}), a key location ({@code jku}, {@code x5u}), an embedded key ({@code jwk}, {@code
 * x5c}) or critical extensions was not made here: SmallRye JWT ignores those parameters with our
 * fixed key, and we refuse them outright so that no later configuration change can start trusting
 * them. Parsing only, no cryptography: the signature is SmallRye JWT's business.
 */
public final class TokenHeaders {

  private static final Set<String> ALLOWED = Set.of("alg", "typ");

  private TokenHeaders() {}

  public static boolean onlyOurs(String rawToken) {
    if (rawToken == null) {
      return false;
    }
    try {
      String header =
          JsonWebStructure.fromCompactSerialization(rawToken)
              .getHeaders()
              .getFullHeaderAsJsonString();
      return ALLOWED.containsAll(JsonUtil.parseJson(header).keySet());
    } catch (JoseException e) {
      return false;
    }
  }
}
