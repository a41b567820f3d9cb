package io.tokensniped.solver.engine;

import java.time.Duration;
import java.time.Instant;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.solver.egress.GuardedSolve;

/**
 * One solve's fresh, isolated browser context and its page, its egress guard listener, its job and deadline, and the
 * marks of where its time goes.
 */
public record SolveSession(BrowserContext context, Page page, SolveRequested job, GuardedSolve egress, Duration pollInterval,
        Duration widgetLookInterval, Duration challengeAppearTimeout, SolveStages stages) {

    /** The customer named a proxy: the browser connects through it rather than through the egress guard. */
    public boolean viaCustomerProxy() {
        return job.proxy() != null && !job.proxy().isBlank();
    }

    public Duration remaining() {
        return Duration.between(Instant.now(), job.deadline());
    }

    public boolean expired() {
        return !Instant.now().isBefore(job.deadline());
    }

    /** Milliseconds left, at least one, for Playwright's per-call timeouts. */
    public double remainingMillis() {
        return Math.max(1, remaining().toMillis());
    }
}
