package io.tokensniped.gateway.ratelimit;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tokensniped.gateway.auth.ApiKeyAuthenticator;
import io.tokensniped.gateway.auth.KnownKey;
import io.tokensniped.gateway.common.ApiException;
import io.tokensniped.gateway.common.ErrorBodies;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The first thing an API-key request meets, for every route: credential in the URL refused, key authenticated
 * from the in-memory directory (401/403), then metered against its per-minute and per-day limits in Redis (429,
 * with Retry-After). Every API-key answer carries the X-RateLimit-* headers. Requests without an API key pass on
 * to the routes, which accept sessions or answer 401.
 */
@ApplicationScoped
public class ApiKeyGate {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiKeyGate.class);
    public static final String AUTHENTICATED_KEY = "tokensniped.apiKey";
    /** After RequestIds (1000), before any route. */
    private static final int FILTER_PRIORITY = 900;
    private static final String BEARER_KEY = "Bearer sk_";

    private final ApiKeyAuthenticator authenticator;
    private final RateLimitPolicy limits;
    private final ErrorBodies errors;
    private final int unavailableRetryAfter;

    public ApiKeyGate(ApiKeyAuthenticator authenticator, RateLimitPolicy limits, ErrorBodies errors, GatewayConfig config) {
        this.authenticator = authenticator;
        this.limits = limits;
        this.errors = errors;
        this.unavailableRetryAfter = config.rateLimit().unavailableRetryAfterSeconds();
    }

    void register(@Observes Filters filters) {
        filters.register(this::gate, FILTER_PRIORITY);
    }

    public static KnownKey authenticatedKey(RoutingContext ctx) {
        return ctx.get(AUTHENTICATED_KEY);
    }

    void gate(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.path().startsWith("/api/")) {
            ctx.next();
            return;
        }
        String apiKey = request.getHeader("x-api-key");
        String authorization = request.getHeader("Authorization");
        KnownKey key;
        try {
            ApiKeyAuthenticator.refuseKeyInQuery(request.query());
            if (apiKey == null && (authorization == null || !authorization.startsWith(BEARER_KEY))) {
                ctx.next();
                return;
            }
            key = authenticator.authenticate(apiKey, authorization);
        } catch (ApiException e) {
            errors.write(ctx, e);
            return;
        }
        request.pause();
        Context context = ctx.vertx().getOrCreateContext();
        limits.acquire(key).subscribe().with(
                decision -> context.runOnContext(v -> proceed(ctx, key, decision)),
                failure -> context.runOnContext(v -> {
                    LOG.debugf("rate limit check failed: %s", failure.toString());
                    request.resume();
                    errors.write(ctx, ApiException.unavailable("rate limiting is unavailable, retry shortly", unavailableRetryAfter));
                }));
    }

    private void proceed(RoutingContext ctx, KnownKey key, RateLimitDecision decision) {
        ctx.response().putHeader("X-RateLimit-Limit", String.valueOf(decision.limit()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(decision.remaining()))
                .putHeader("X-RateLimit-Reset", String.valueOf(decision.resetSeconds()));
        ctx.request().resume();
        if (!decision.allowed()) {
            errors.write(ctx, new ApiException(429, "RATE_LIMITED", "rate limit of this API key reached",
                    (int) Math.max(1, decision.retryAfterSeconds())));
            return;
        }
        ctx.put(AUTHENTICATED_KEY, key);
        ctx.next();
    }
}
