package io.tokensniped.solver.egress;

/**
 * A connection the guard did not make for the browser: {@code blocked} by the target policy, or the permitted
 * address did not answer.
 */
public record EgressRefusal(String host, int port, boolean blocked, String reason) {
}
