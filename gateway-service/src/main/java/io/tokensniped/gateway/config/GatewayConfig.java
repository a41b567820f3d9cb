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

    interface Capacity {
        /** The solvers' consumer group on solve.requests. */
        String solverGroup();

        /** Solve jobs that may wait unconsumed before admission answers 503. */
        long maxQueueDepth();

        Duration refreshInterval();

        int retryAfterSeconds();
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
