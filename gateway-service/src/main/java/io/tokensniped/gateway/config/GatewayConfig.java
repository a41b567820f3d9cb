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

    Bench bench();

    Webhooks webhooks();

    Credit credit();

    /** Admitting live solves while billing is away (CreditReservations). */
    interface Credit {

        /** How long an account's last announced available balance is kept without a newer one. */
        Duration snapshotTtl();

        /** How long a price reserved for a solve counts against the balance unless billing's news of it clears it. */
        Duration reservationTtl();

        /** Whether a live solve is admitted on a reservation when billing cannot answer (else 503). */
        boolean admitWhileBillingAway();

        /** An announced balance Redis could not take is tried again after this, then after longer waits up to the next. */
        Duration retryBackoff();

        Duration retryMaxBackoff();
    }

    interface Webhooks {

        /**
         * Exact origins a solve's {@code callbackUrl} may name although they are not public https (the run command's
         * sandbox receivers); the same setting, and value, as webhooks-service's. None by default.
         */
        java.util.Optional<java.util.Set<String>> operatorAllowedOrigins();
    }

    TaskProtocol taskProtocol();

    /** The createTask / getTaskResult / getBalance routes (docs/guide/switching-providers.md). */
    interface TaskProtocol {

        /** How long a numeric taskId answers getTaskResult (the solve itself stays in history under its solveId). */
        Duration retention();

        /** How long getTaskResult and getBalance wait for history-service or billing-service. */
        Duration serviceTimeout();
    }

    interface Bench {

        /**
         * Serve {@code GET /api/bench/bare} (204, nothing else): the benchmark's baseline through the same HTTP server
         * and filters as every route. Only bench/gateway turns it on.
         */
        boolean bareRoute();
    }

    /**
     * Addresses or CIDR ranges of the proxies in front of the gateways (the ingress): only a request from one of them
     * may name its client in Forwarded / X-Forwarded-For. None by default.
     */
    java.util.Optional<java.util.List<String>> trustedProxies();

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

        /** How long the last reading stands when a refresh fails (a busy broker), before capacity counts as unknown. */
        Duration staleAfter();

        int retryAfterSeconds();

        /** Browser contexts each solver instance runs (the solver's tokensniped.solver.contexts). */
        int contextsPerSolver();

        /** The share of the running solvers' contexts one account's live solves may hold at once (0..1]. */
        double accountShare();

        /** Retry-After sent to an account refused for having its whole share in flight. */
        int accountRetryAfterSeconds();
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

        /** How long a key lookup in keys-service may take before the key counts as unknown (401). */
        Duration lookupTimeout();

        /** How long keys-service's "no such key" is remembered, so repeated wrong keys are not looked up again. */
        Duration unknownKeyTtl();

        /** At most this many unknown key hashes are remembered. */
        long unknownKeyCacheSize();

        /** Lookups in flight at once per gateway; beyond it a key this gateway does not know is unknown (401). */
        int maxLookupsInFlight();
    }

    interface Sessions {

        String cookieName();
    }

    interface Services {

        Service keys();

        Service history();

        Service billing();

        Service solver();

        Service webhooks();

        /** Most connections a gateway opens per service for forwarded requests (each open SSE stream holds one). */
        int forwardConnections();

        /** Connections each gateway keeps per internal service it calls itself (credit holds, history lookups). */
        int connections();

        /** How long /api/health's background refresh waits for each service's readiness. */
        Duration healthTimeout();

        /** How often /api/health's aggregate is refreshed in the background (answers are at most twice this old). */
        Duration healthRefreshInterval();
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

        /** The most a live solve's admission (slot, hold, publish) may take before it is answered 503. */
        Duration admissionTimeout();

        /** How long admission waits for billing to place a credit hold before answering 503. */
        Duration holdTimeout();

        /** A hold expires this long after its solve's deadline if no outcome settled it (billing then releases it). */
        Duration holdGrace();

        /** A withdrawal billing did not answer is tried again after this, then after longer waits up to the next. */
        Duration withdrawBackoff();

        Duration withdrawMaxBackoff();

        /** How long a withdrawal is tried again while billing cannot answer it. */
        Duration withdrawPatience();

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
