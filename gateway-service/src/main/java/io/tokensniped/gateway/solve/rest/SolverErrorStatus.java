package io.tokensniped.gateway.solve.rest;

/** The HTTP status of each solver error code, as the contract's error table gives it. */
final class SolverErrorStatus {

    static final String SOLVE_TIMEOUT = "SOLVE_TIMEOUT";
    static final String SOLVER_UNAVAILABLE = "SOLVER_UNAVAILABLE";

    private SolverErrorStatus() {
    }

    static int of(String code) {
        return switch (code) {
            case SOLVE_TIMEOUT -> 504;
            case SOLVER_UNAVAILABLE -> 503;
            default -> 502;
        };
    }
}
