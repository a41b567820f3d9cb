package io.tokensniped.gateway.auth;

import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.support.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the presented credential into a key: {@code x-api-key: sk_...} or {@code Authorization: Bearer sk_...}.
 * Known keys are answered from this gateway's directory without leaving the thread; a key it has not learnt yet is
 * asked of keys-service first ({@link ApiKeyLookup}). Unknown, revoked or malformed → 401; known but inactive → 403.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private static final String BEARER = "Bearer ";

    private static final java.util.regex.Pattern KEY_IN_QUERY = java.util.regex.Pattern.compile(
            "(?i)(^|&)(api[_-]?key|key|x-api-key|token)=|sk_(live|test)_");

    private final ApiKeyDirectory directory;
    private final ApiKeyLookup lookup;
    private final ApiKeyUsageRecorder usage;

    public ApiKeyAuthenticator(ApiKeyDirectory directory, ApiKeyLookup lookup, ApiKeyUsageRecorder usage) {
        this.directory = directory;
        this.lookup = lookup;
        this.usage = usage;
    }

    /** A credential in the URL is refused before anything else: URLs are logged by every proxy on the way. */
    public static void refuseKeyInQuery(String query) {
        if (query != null && KEY_IN_QUERY.matcher(query).find()) {
            throw ApiException.unauthorized("API keys are accepted only in the x-api-key or Authorization header");
        }
    }

    /** Completes at once for a key the directory knows; fails with the 401 or 403 the caller should get. */
    public Uni<KnownKey> authenticate(String apiKeyHeader, String authorizationHeader) {
        String presented = apiKeyHeader;
        if (presented == null && authorizationHeader != null && authorizationHeader.startsWith(BEARER)) {
            presented = authorizationHeader.substring(BEARER.length()).trim();
        }
        if (presented == null || presented.isBlank()) {
            return Uni.createFrom().failure(ApiException.unauthorized("an API key is required (header x-api-key)"));
        }
        if (!presented.startsWith(ApiKeyMode.LIVE.keyPrefix()) && !presented.startsWith(ApiKeyMode.TEST.keyPrefix())) {
            return Uni.createFrom().failure(ApiException.unauthorized("malformed API key"));
        }
        String hash = ApiKeyHash.of(presented);
        Optional<KnownKey> known = directory.find(hash);
        Uni<Optional<KnownKey>> found = known.isPresent() ? Uni.createFrom().item(known)
                : lookup.find(hash).map(looked -> looked.flatMap(key -> directory.learn(hash, key)));
        return found.map(this::admit);
    }

    private KnownKey admit(Optional<KnownKey> found) {
        KnownKey key = found.orElseThrow(() -> ApiException.unauthorized("unknown or revoked API key"));
        if (!key.state().active()) {
            throw ApiException.forbidden("this API key is inactive");
        }
        usage.used(key.apiKeyId());
        return key;
    }
}
