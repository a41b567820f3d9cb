package io.tokensniped.solver.browser;

import java.util.concurrent.CompletableFuture;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveRequested;

/** A queued solve and the future its caller waits on. */
record SolveTask(SolveRequested job, CompletableFuture<Solution> result) {
}
