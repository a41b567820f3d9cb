package io.tokensniped.solver.engine;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveType;

/**
 * Drives an ordinary browser page to the customer's URL and waits for what the page itself issues. Engines never
 * patch the browser, forge a vendor's protocol, solve puzzles, or plant a widget on a page.
 */
public interface SolveEngine {

    SolveType type();

    Solution solve(SolveSession session) throws SolveFailure;
}
