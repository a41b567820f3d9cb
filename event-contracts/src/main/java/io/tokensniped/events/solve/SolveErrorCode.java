package io.tokensniped.events.solve;

/**
 * Why a solve ended without a result: the contract's solver error codes, each with the HTTP status a failed solve is
 * answered with (its SolveErrorResponse). On the wire, in {@link SolveFailed} and in the API, the constant's name.
 */
public enum SolveErrorCode {

    SOLVE_TIMEOUT(504),
    TARGET_UNREACHABLE(502),
    CHALLENGE_NOT_FOUND(502),
    INTERACTIVE_CHALLENGE(502),
    TARGET_NOT_ALLOWED(502),
    PROXY_FAILED(502),
    SOLVER_UNAVAILABLE(503);

    private final int status;

    SolveErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status of a solve that failed with this code. */
    public int status() {
        return status;
    }
}
