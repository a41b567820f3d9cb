package io.tokensniped.gateway.ratelimit;

import java.util.UUID;

/** A key as the limiter sees it: its id and its two limits (auth's {@code KnownKey} is one). */
public interface LimitedKey {

    UUID apiKeyId();

    int rateLimitRpm();

    int rateLimitRpd();
}
