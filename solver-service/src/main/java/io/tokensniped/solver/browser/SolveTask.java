package io.tokensniped.solver.browser;

import java.util.concurrent.CompletableFuture;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.solver.engine.SolveStages;

/** A queued solve, the future its caller waits on, and the marks of where its time goes. */
record SolveTask(SolveRequested job, CompletableFuture<Solution> result, SolveStages stages) {
}
