package io.tokensniped.solver.engine;

import io.tokensniped.events.solve.SolveErrorCode;

/** A solve that ended without a result, with one of the contract's solver error codes. */
public class SolveFailure extends Exception {

    private final SolveErrorCode code;

    public SolveFailure(SolveErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public SolveErrorCode code() {
        return code;
    }
}
