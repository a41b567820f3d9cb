package io.tokensniped.gateway.auth;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tokensniped.gateway.common.ClientAddress;
import io.tokensniped.gateway.common.ErrorBodies;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.ratelimit.KeyGuessing;
import io.tokensniped.gateway.ratelimit.RateLimitDecision;
import io.tokensniped.gateway.ratelimit.RateLimitPolicy;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The first thing an API-key request meets, for every route: credential in the URL refused, key authenticated
 * from the in-memory directory (401/403), then metered against its per-minute and per-day limits in Redis (429,
 * with Retry-After). Every API-key answer carries the X-RateLimit-* headers. Requests without an API key pass on
 * to the routes, which accept sessions or answer 401. Wrong keys count against the client's address
 * ({@link KeyGuessing}, {@link ClientAddress}): past the limit, that address gets 429 for wrong keys, while a valid key
 * is accepted from any address (behind a proxy, many customers share one).
 */
@ApplicationScoped
public class ApiKeyGate {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiKeyGate.class);
    public static final String AUTHENTICATED_KEY = "tokensniped.apiKey";
    /** After RequestIds (1000), before any route. */
    private static final int FILTER_PRIORITY = 900;

    private static final int UNAUTHORIZED = 401;

    private final ApiKeyAuthenticator authenticator;
    private final ClientAddress clientAddress;
    private final KeyGuessing guessing;
    private final RateLimitPolicy limits;
    private final ErrorBodies errors;
    private final int unavailableRetryAfter;
    private final String sessionCookie;

    public ApiKeyGate(ApiKeyAuthenticator authenticator, ClientAddress clientAddress, KeyGuessing guessing,
            RateLimitPolicy limits,
            ErrorBodies errors, GatewayConfig config) {
        this.authenticator = authenticator;
        this.clientAddress = clientAddress;
        this.guessing = guessing;
        this.limits = limits;
        this.errors = errors;
        this.unavailableRetryAfter = config.rateLimit().unavailableRetryAfterSeconds();
        this.sessionCookie = config.sessions().cookieName();
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
        if (Credentials.keyInQuery(request.query())) {
            errors.write(ctx, ApiException.unauthorized("API keys are accepted only in the x-api-key or Authorization header"));
            return;
        }
        Credentials credentials = Credentials.of(ctx, sessionCookie);
        if (!credentials.presentsApiKey()) {
            ctx.next();
            return;
        }
        // Completes at once for a key the directory knows; only a key it has not learnt yet waits for keys-service.
        request.pause();
        Context context = ctx.vertx().getOrCreateContext();
        authenticator.authenticate(credentials.apiKey()).subscribe().with(
                key -> onContext(context, () -> meter(ctx, key)),
                failure -> onContext(context, () -> refuse(ctx, failure)));
    }

    /** A valid, active key is metered, whatever its client's record of wrong keys: guessing never locks out a good key. */
    private void meter(RoutingContext ctx, KnownKey key) {
        Context context = ctx.vertx().getOrCreateContext();
        limits.acquire(key).subscribe().with(
                decision -> onContext(context, () -> proceed(ctx, key, decision)),
                failure -> onContext(context, () -> {
                    LOG.debugf("rate limit check failed: %s", failure.toString());
                    ctx.request().resume();
                    errors.write(ctx,
                            ApiException.unavailable("rate limiting is unavailable, retry shortly", unavailableRetryAfter));
                }));
    }

    /**
     * A wrong key: counted against the client's address; past the limit the answer is 429 instead of 401. An address
     * already past it is answered at once, without counting.
     */
    private void refuse(RoutingContext ctx, Throwable failure) {
        if (!(failure instanceof ApiException refusal) || refusal.status() != UNAUTHORIZED) {
            ctx.request().resume();
            errors.write(ctx,
                    failure instanceof ApiException e ? e : ApiException.unauthorized("could not verify the API key"));
            return;
        }
        String address = clientAddress.of(ctx.request());
        long blocked = guessing.blockedFor(address);
        if (blocked > 0) {
            ctx.request().resume();
            errors.write(ctx, tooManyFailures(blocked));
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        guessing.failed(address).subscribe().with(
                blockedSeconds -> onContext(context, () -> {
                    ctx.request().resume();
                    errors.write(ctx, blockedSeconds > 0 ? tooManyFailures(blockedSeconds) : refusal);
                }),
                // Counting is protection, not a dependency: without Redis the caller still gets its 401.
                countingFailed -> onContext(context, () -> {
                    ctx.request().resume();
                    errors.write(ctx, refusal);
                }));
    }

    /** Runs at once when already on the request's context (a key the directory knows), else hops onto it. */
    private static void onContext(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private static ApiException tooManyFailures(long seconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, "too many failed API-key attempts from this address", (int) seconds);
    }

    private void proceed(RoutingContext ctx, KnownKey key, RateLimitDecision decision) {
        ctx.response().putHeader("X-RateLimit-Limit", String.valueOf(decision.limit()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(decision.remaining()))
                .putHeader("X-RateLimit-Reset", String.valueOf(decision.resetSeconds()));
        ctx.request().resume();
        if (!decision.allowed()) {
            errors.write(ctx, new ApiException(ErrorCode.RATE_LIMITED, "rate limit of this API key reached",
                    (int) Math.max(1, decision.retryAfterSeconds())));
            return;
        }
        ctx.put(AUTHENTICATED_KEY, key);
        ctx.next();
    }
}
