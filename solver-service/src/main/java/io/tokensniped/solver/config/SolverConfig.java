package io.tokensniped.solver.config;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** solver-service settings (prefix {@code tokensniped.solver}). */
@ConfigMapping(prefix = "tokensniped.solver")
public interface SolverConfig {

    /** Debian's chromium; Playwright's own browser download is never used. */
    String chromiumPath();

    /** Concurrent solves (browser contexts) this instance runs. */
    int contexts();

    /** Restart Chromium after this many solves, bounding memory that long-lived browsers accumulate. */
    int recycleAfter();

    Duration launchTimeout();

    Duration challengeAppearTimeout();

    Duration pollInterval();

    /**
     * Origins ({@code scheme://host:port}) the operator allows for every account although they are not public: exact
     * origins, never bare hosts. None by default.
     */
    java.util.Optional<Set<String>> operatorAllowedOrigins();

    /**
     * On SIGTERM, how long jobs in flight may run to completion. Longer than the longest request timeout, shorter
     * than the pod's terminationGracePeriodSeconds.
     */
    Duration drainTimeout();

    Egress egress();

    /** The filtering proxy every browser request passes through (see EgressGuard). */
    interface Egress {

        /** How long connecting to a permitted address may take before the browser sees a failed connection. */
        Duration connectTimeout();

        /** The largest request head a browser may send to the guard. */
        int maxRequestHeadBytes();

        /** Blocked requests remembered per solve, enough to explain a failure. */
        int blockedPerSolve();
    }
}
