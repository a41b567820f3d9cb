package io.tokensniped.gateway.auth;

import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.support.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a presented API key ({@link Credentials#apiKey()}, or the task protocol's {@code clientKey}) into a key.
 * Known keys are answered from this gateway's directory without leaving the thread; a key it has not learnt yet is
 * asked of keys-service first ({@link ApiKeyLookup}). Unknown, revoked or malformed → 401; known but inactive → 403.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private final ApiKeyDirectory directory;
    private final ApiKeyLookup lookup;
    private final ApiKeyUsageRecorder usage;

    public ApiKeyAuthenticator(ApiKeyDirectory directory, ApiKeyLookup lookup, ApiKeyUsageRecorder usage) {
        this.directory = directory;
        this.lookup = lookup;
        this.usage = usage;
    }

    /** Completes at once for a key the directory knows; fails with the 401 or 403 the caller should get. */
    public Uni<KnownKey> authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            return Uni.createFrom().failure(ApiException.unauthorized("an API key is required (header x-api-key)"));
        }
        if (!presented.startsWith(ApiKeyMode.LIVE.keyPrefix()) && !presented.startsWith(ApiKeyMode.TEST.keyPrefix())) {
            return Uni.createFrom().failure(ApiException.unauthorized("malformed API key"));
        }
        String hash = ApiKeyHash.of(presented);
        Optional<KnownKey> known = directory.find(hash);
        Uni<Optional<KnownKey>> found = known.isPresent()
                ? Uni.createFrom().item(known)
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
