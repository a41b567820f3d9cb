package io.tokensniped.gateway.solve.rest;

import java.time.Instant;
import java.util.UUID;

import io.tokensniped.events.solve.Solution;

/** The contract's solve answers: a success, a failure, or (async) the accepted solve. */
public final class SolveResponses {

    private SolveResponses() {
    }

    public record Success(boolean success, UUID id, String type, String status, Solution solution, long cost,
            long elapsedMs, Instant createdAt, Instant completedAt) {
    }

    public record Failure(boolean success, UUID id, String type, String status, Error error, long cost, long elapsedMs) {
    }

    public record Error(String code, String message) {
    }

    public record Accepted(UUID id, String status, String statusUrl, String streamUrl) {
    }
}
