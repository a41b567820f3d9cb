package io.tokensniped.solver.engine;

import java.time.Duration;
import java.time.Instant;

import com.microsoft.playwright.BrowserContext;

import io.tokensniped.events.solve.SolveRequested;

/** One solve's fresh, isolated browser context plus its job and deadline. */
public record SolveSession(BrowserContext context, SolveRequested job, Duration pollInterval,
        Duration challengeAppearTimeout) {

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
