package io.tokensniped.events.keys;

/** The limits and flags a gateway needs to admit a request made with a key. */
public record ApiKeyState(String keyPrefix, ApiKeyMode mode, boolean active, int rateLimitRpm, int rateLimitRpd) {
}
