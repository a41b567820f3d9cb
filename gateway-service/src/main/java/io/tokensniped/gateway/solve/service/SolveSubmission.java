package io.tokensniped.gateway.solve.service;

import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;

/** A validated solve request: its type, the body as sent (for Idempotency-Key comparison) and what it asks for. */
public record SolveSubmission(SolveType type, Object body, SolveTarget target, String proxy, Integer timeoutSeconds) {
}
