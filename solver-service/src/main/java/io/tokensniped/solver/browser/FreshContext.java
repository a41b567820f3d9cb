package io.tokensniped.solver.browser;

import java.io.IOException;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.solver.egress.EgressGuard;
import io.tokensniped.solver.egress.GuardedSolve;

/**
 * A new browser context with its blank page and its own egress listener, used by exactly one solve and closed after.
 * Workers open the next one while idle (opening a context and its renderer is a good part of a solve's overhead); a
 * job with its own proxy or user agent gets one opened for it.
 */
record FreshContext(GuardedSolve egress, BrowserContext context, Page page) implements AutoCloseable {

    /** For {@code job}, or, when null, with the standard settings any job without proxy or user agent uses. */
    static FreshContext open(Browser browser, EgressGuard guard, SolveRequested job) throws IOException {
        GuardedSolve egress = guard.open();
        try {
            BrowserContext context = browser.newContext(ContextOptions.forJob(job, egress));
            try {
                return new FreshContext(egress, context, context.newPage());
            } catch (PlaywrightException e) {
                context.close();
                throw e;
            }
        } catch (RuntimeException e) {
            egress.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (PlaywrightException ignored) {
            // the browser went away; the context went with it
        }
        egress.close();
    }

    /** Closes a context that may not exist. */
    static void closeQuietly(FreshContext context) {
        if (context != null) {
            context.close();
        }
    }
}
