package io.tokensniped.gateway.auth;

import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.gateway.common.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the presented credential into a key: {@code x-api-key: sk_...} or {@code Authorization: Bearer sk_...}.
 * Unknown, revoked or malformed → 401; known but inactive → 403.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private static final String BEARER = "Bearer ";
    private static final String LIVE = "sk_live_";
    private static final String TEST = "sk_test_";

    private final ApiKeyDirectory directory;

    public ApiKeyAuthenticator(ApiKeyDirectory directory) {
        this.directory = directory;
    }

    public KnownKey authenticate(String apiKeyHeader, String authorizationHeader) {
        String presented = apiKeyHeader;
        if (presented == null && authorizationHeader != null && authorizationHeader.startsWith(BEARER)) {
            presented = authorizationHeader.substring(BEARER.length()).trim();
        }
        if (presented == null || presented.isBlank()) {
            throw ApiException.unauthorized("an API key is required (header x-api-key)");
        }
        if (!presented.startsWith(LIVE) && !presented.startsWith(TEST)) {
            throw ApiException.unauthorized("malformed API key");
        }
        KnownKey key = directory.find(ApiKeyHash.of(presented))
                .orElseThrow(() -> ApiException.unauthorized("unknown or revoked API key"));
        if (!key.state().active()) {
            throw ApiException.forbidden("this API key is inactive");
        }
        return key;
    }
}
