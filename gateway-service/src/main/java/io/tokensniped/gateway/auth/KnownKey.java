package io.tokensniped.gateway.auth;

import java.util.UUID;

import io.tokensniped.events.keys.ApiKeyState;
import io.tokensniped.gateway.ratelimit.LimitedKey;

/** What the gateway knows of a key: enough to admit a request without asking keys-service. */
public record KnownKey(UUID apiKeyId, UUID accountId, ApiKeyState state) implements LimitedKey {

    @Override
    public int rateLimitRpm() {
        return state.rateLimitRpm();
    }

    @Override
    public int rateLimitRpd() {
        return state.rateLimitRpd();
    }

    public boolean testMode() {
        return state.mode() == io.tokensniped.events.keys.ApiKeyMode.TEST;
    }
}
