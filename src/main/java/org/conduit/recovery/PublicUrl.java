package org.conduit.recovery;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code conduit.public.url} ({@code CONDUIT_PUBLIC_URL}): the address people reach this service
 * at, such as {@code https://conduit.example.com}, for the links it mails. Never taken from a
 * request's Host header, which the client chooses (the classic way to make a reset link point at an
 * attacker's server).
 */
@ConfigMapping(prefix = "conduit.public")
public interface PublicUrl {

  Optional<String> url();
}
