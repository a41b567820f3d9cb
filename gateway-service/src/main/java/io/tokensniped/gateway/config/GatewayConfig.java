package io.tokensniped.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.tokensniped.events.solve.SolveType;

/** gateway-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface GatewayConfig {

    Services services();

    Internal internal();

    Solve solve();

    Follower follower();

    Sessions sessions();

    Keys keys();

    RateLimit rateLimit();

    Capacity capacity();

    Idempotency idempotency();

    interface Idempotency {
        /** How long a key answers with the solve it admitted (the contract's 24 h). */
        Duration ttl();

        /** How long a key stays claimed by a submission still being admitted (bounds admission's own timeouts). */
        Duration pendingTtl();

        /** How long a replay waits for history's record of the solve before it waits for the outcome instead. */
        Duration lookupTimeout();

        /** Longest Idempotency-Key accepted. */
        int maxKeyLength();
    }

    interface Capacity {
        /** The solvers' consumer group on solve.requests. */
        String solverGroup();

        /** Solve jobs that may wait unconsumed before admission answers 503. */
        long maxQueueDepth();

        Duration refreshInterval();

        int retryAfterSeconds();
    }

    KeyGuessing keyGuessing();

    interface KeyGuessing {
        /** Failed API-key authentications one client address may make per window before it is refused (429). */
        int maxFailures();

        /** The window, from the address's first failure. */
        Duration window();
    }

    interface RateLimit {
        /** How long a request waits for Redis before it is refused with 503 (never admitted unmetered). */
        Duration redisTimeout();

        /** Retry-After sent with that 503. */
        int unavailableRetryAfterSeconds();
    }

    interface Keys {
        /** How often last-use times go to Redis (read by the @Scheduled flush through the same property). */
        Duration usageFlushInterval();
    }

    interface Sessions {
        String cookieName();
    }

    interface Services {
        Service keys();

        Service history();

        Service billing();

        Service solver();

        /** Most connections a gateway opens per service for forwarded requests (each open SSE stream holds one). */
        int forwardConnections();

        /** Connections each gateway keeps per internal service it calls itself (credit holds, history lookups). */
        int connections();

        /** How long /api/health waits for each service's readiness. */
        Duration healthTimeout();
    }

    interface Service {
        String url();
    }

    interface Internal {
        /** Shared with the internal services: proves a forwarded request comes from a gateway. */
        String secret();
    }

    interface Solve {
        Price price();

        int defaultTimeout();

        int minTimeout();

        int maxTimeout();

        Duration outcomeGrace();

        Duration publishTimeout();

        /** How long admission waits for billing to place a credit hold before answering 503. */
        Duration holdTimeout();

        /** A hold expires this long after its solve's deadline if no outcome settled it (billing then releases it). */
        Duration holdGrace();

        /** Retry-After sent when billing cannot place a hold. */
        int billingRetryAfterSeconds();

        /** How long the test-mode "slow" site key takes. */
        Duration testModeSlowDelay();

        default long priceOf(SolveType type) {
            return switch (type) {
                case TURNSTILE -> price().turnstile();
                case GEETEST -> price().geetest();
                case INTERSTITIAL -> price().interstitial();
            };
        }
    }

    interface Price {
        long turnstile();

        long geetest();

        long interstitial();
    }

    interface Follower {
        Duration pollTimeout();
    }
}
