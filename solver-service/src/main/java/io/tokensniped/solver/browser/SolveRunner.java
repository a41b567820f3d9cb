package io.tokensniped.solver.browser;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.PlaywrightException;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.solver.config.SolverConfig;
import io.tokensniped.solver.egress.EgressGuard;
import io.tokensniped.solver.engine.SolveEngine;
import io.tokensniped.solver.engine.SolveFailure;
import io.tokensniped.solver.engine.SolveSession;
import io.tokensniped.solver.engine.SolveStages;

/**
 * Runs one solve in a browser context with its type's engine and completes the task's future: with the solution, or
 * with a SolveFailure whose code says why (a browser or network error is SOLVER_UNAVAILABLE, never a stack trace).
 * The context is closed after, whatever happens, so nothing a page stored reaches another solve.
 */
final class SolveRunner {

    private static final Logger LOG = Logger.getLogger(SolveRunner.class);

    private final Map<SolveType, SolveEngine> engines;
    private final EgressGuard guard;
    private final SolverConfig config;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

    SolveRunner(Map<SolveType, SolveEngine> engines, EgressGuard guard, SolverConfig config) {
        this.engines = engines;
        this.guard = guard;
        this.config = config;
    }

    boolean supports(SolveType type) {
        return engines.containsKey(type);
    }

    /** Solves running now. */
    AtomicInteger busy() {
        return busy;
    }

    /** No solve runs now, and none started or ended within {@code quiet}. */
    boolean quietFor(Duration quiet) {
        return busy.get() == 0 && System.nanoTime() - lastActivity.get() >= quiet.toNanos();
    }

    /** Runs the task in {@code prepared} if given, else in a context opened for it. */
    void run(Browser browser, SolveTask task, FreshContext prepared) {
        busy.incrementAndGet();
        lastActivity.set(System.nanoTime());
        FreshContext context = prepared;
        try {
            SolveRequested job = task.job();
            SolveEngine engine = engines.get(job.type());
            if (engine == null || !Instant.now().isBefore(job.deadline())) {
                throw engine == null
                        ? new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE,
                                "this solver has no " + job.type().wireName() + " engine")
                        : new SolveFailure(SolveErrorCode.SOLVE_TIMEOUT, "the deadline passed before a browser was free");
            }
            if (context == null) {
                context = FreshContext.open(browser, guard, job);
            }
            task.stages().contextPrepared(prepared != null);
            task.result().complete(solve(engine, context, job, task.stages()));
        } catch (SolveFailure failure) {
            task.result().completeExceptionally(failure);
        } catch (IOException e) {
            LOG.warnf("solve %s: no egress listener: %s", task.job().solveId(), e);
            task.result().completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE,
                    "the solver could not prepare the browser's network"));
        } catch (PlaywrightException e) {
            LOG.warnf("solve %s: browser error %s", task.job().solveId(), e.getMessage());
            task.result().completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE,
                    "the browser failed during the solve"));
        } catch (RuntimeException e) {
            LOG.errorf(e, "solve %s failed unexpectedly", task.job().solveId());
            task.result().completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE, "internal solver error"));
        } finally {
            // Closed after the outcome is on its way: closing takes the browser a while, none of it the customer's wait.
            FreshContext.closeQuietly(context);
            busy.decrementAndGet();
            lastActivity.set(System.nanoTime());
        }
    }

    private Solution solve(SolveEngine engine, FreshContext context, SolveRequested job, SolveStages stages)
            throws SolveFailure {
        SolveSession session = new SolveSession(context.context(), context.page(), job, context.egress(),
                config.pollInterval(), config.widgetLookInterval(), config.challengeAppearTimeout(), stages);
        // A popup the page opens is closed at once: nothing in it is read, and it would only hold memory.
        context.context().onPage(popup -> {
            if (popup != context.page()) {
                popup.close();
            }
        });
        stages.mark(SolveStages.Mark.CONTEXT_READY);
        Solution solution = engine.solve(session);
        stages.mark(SolveStages.Mark.TOKEN_SEEN);
        return solution;
    }
}
