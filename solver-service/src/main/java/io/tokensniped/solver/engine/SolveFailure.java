package io.tokensniped.solver.engine;

/** A solve that ended without a result, with one of the contract's solver error codes. */
public class SolveFailure extends Exception {

    public static final String SOLVE_TIMEOUT = "SOLVE_TIMEOUT";
    public static final String TARGET_UNREACHABLE = "TARGET_UNREACHABLE";
    public static final String CHALLENGE_NOT_FOUND = "CHALLENGE_NOT_FOUND";
    public static final String INTERACTIVE_CHALLENGE = "INTERACTIVE_CHALLENGE";
    public static final String TARGET_NOT_ALLOWED = "TARGET_NOT_ALLOWED";
    public static final String PROXY_FAILED = "PROXY_FAILED";
    public static final String SOLVER_UNAVAILABLE = "SOLVER_UNAVAILABLE";

    private final String code;

    public SolveFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
