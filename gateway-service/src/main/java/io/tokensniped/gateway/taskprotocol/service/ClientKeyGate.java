package io.tokensniped.gateway.taskprotocol.service;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.auth.ApiKeyAuthenticator;
import io.tokensniped.gateway.auth.KnownKey;
import io.tokensniped.gateway.ratelimit.KeyGuessing;
import io.tokensniped.gateway.ratelimit.RateLimitDecision;
import io.tokensniped.gateway.ratelimit.RateLimitPolicy;
import io.tokensniped.gateway.taskprotocol.mapping.TaskRefused;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.taskprotocol.TaskProtocolError;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What {@code ApiKeyGate} does for a header key, done for the protocol's {@code clientKey} in the body (the gate,
 * a Vert.x filter, runs before any body is read): the same authenticator (401/403), the same count of wrong keys per
 * client address, the same per-key rate limit in Redis. Refusals come out as the protocol's codes.
 */
@ApplicationScoped
public class ClientKeyGate {

    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;

    /** The key, and the rate-limit figures its answer reports in X-RateLimit-* headers. */
    public record Passed(KnownKey key, RateLimitDecision limits) {
    }

    private final ApiKeyAuthenticator authenticator;
    private final KeyGuessing guessing;
    private final RateLimitPolicy limits;

    public ClientKeyGate(ApiKeyAuthenticator authenticator, KeyGuessing guessing, RateLimitPolicy limits) {
        this.authenticator = authenticator;
        this.guessing = guessing;
        this.limits = limits;
    }

    public Uni<Passed> pass(String clientKey, String clientAddress) {
        if (clientKey == null || clientKey.isBlank()) {
            return Uni.createFrom().failure(new TaskRefused(TaskProtocolError.UNAUTHORIZED, "clientKey is required"));
        }
        return authenticator.authenticate(clientKey)
                .onFailure().recoverWithUni(failure -> refused(failure, clientAddress))
                .flatMap(key -> limits.acquire(key)
                        .onFailure().transform(e -> new TaskRefused(TaskProtocolError.SOLVER_UNAVAILABLE,
                                "rate limiting is unavailable, retry shortly"))
                        .map(decision -> {
                            if (!decision.allowed()) {
                                throw new TaskRefused(TaskProtocolError.RATE_LIMITED,
                                        "rate limit of this API key reached, retry in "
                                                + Math.max(1, decision.retryAfterSeconds()) + " s");
                            }
                            return new Passed(key, decision);
                        }));
    }

    /** A wrong key counts against the address, as at the gate; past the limit the address is blocked for every wrong key. */
    private Uni<KnownKey> refused(Throwable failure, String address) {
        if (failure instanceof ApiException e && e.status() == FORBIDDEN) {
            return Uni.createFrom().failure(new TaskRefused(TaskProtocolError.FORBIDDEN, e.getMessage()));
        }
        String message = failure instanceof ApiException e && e.status() == UNAUTHORIZED
                ? e.getMessage()
                : "could not verify the API key";
        long blocked = guessing.blockedFor(address);
        if (blocked > 0) {
            return Uni.createFrom().failure(tooManyFailures(blocked));
        }
        return guessing.failed(address)
                // Counting is protection, not a dependency: without Redis the caller still gets its "no such key".
                .onFailure().recoverWithItem(0L)
                .flatMap(seconds -> Uni.createFrom().failure(seconds > 0
                        ? tooManyFailures(seconds)
                        : new TaskRefused(TaskProtocolError.UNAUTHORIZED, message)));
    }

    private static TaskRefused tooManyFailures(long seconds) {
        return new TaskRefused(TaskProtocolError.KEY_GUESSING, "too many failed API-key attempts from this address, retry in "
                + seconds + " s");
    }
}
