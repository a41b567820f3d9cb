package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The solve ended without a result; it is never charged. {@code errorCode} is one of the contract's solver codes.
 * {@code callbackUrl} is the request's, carried to the outcome for webhooks-service (null when none was named).
 */
public record SolveFailed(
        UUID eventId,
        Instant occurredAt,
        UUID solveId,
        UUID accountId,
        SolveType type,
        SolveErrorCode errorCode,
        String message,
        Instant startedAt,
        long elapsedMs,
        String callbackUrl) implements SolveEvent {

    @JsonCreator
    public SolveFailed {
    }

    /** An outcome without a per-request callback. */
    public SolveFailed(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, SolveType type, SolveErrorCode errorCode,
            String message, Instant startedAt, long elapsedMs) {
        this(eventId, occurredAt, solveId, accountId, type, errorCode, message, startedAt, elapsedMs, null);
    }
}
