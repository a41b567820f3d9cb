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

    /**
     * Workers (contexts) that share one Chromium. Every DevTools client of a Chromium sees and sets up every page it
     * opens, so each worker sharing it adds work to every other worker's solves; one per Chromium does the least work
     * per solve, at the price of a Chromium's own memory per worker.
     */
    int contextsPerChromium();

    /**
     * A worker opens its next solve's context ahead only once no solve has started or ended for this long: opened
     * beside a running solve, it slows that solve by more than opening it on demand costs.
     */
    Duration prepareAfterIdle();

    /** Restart Chromium after this many solves, bounding memory that long-lived browsers accumulate. */
    int recycleAfter();

    Duration launchTimeout();

    Duration challengeAppearTimeout();

    /** How often an interstitial is looked at again when no new document arrived, and the verified-hosts poll. */
    Duration pollInterval();

    /**
     * How long a widget engine lets the page watch its widget before the solver looks for itself (into other-origin
     * frames, for a checkbox or puzzle). A token is seen the moment the page shows it, whatever this is.
     */
    Duration widgetLookInterval();

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
