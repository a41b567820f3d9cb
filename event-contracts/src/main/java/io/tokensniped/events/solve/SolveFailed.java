package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The solve ended without a result; it is never charged. {@code errorCode} is one of the contract's solver codes.
 * {@code callbackUrl} is the request's, carried to the outcome for webhooks-service (null when none was named), with
 * the request's {@code callbackFormat} and its {@code occurredAt} as {@code requestedAt}; both null in events of
 * producers that predate them.
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
        String callbackUrl,
        CallbackFormat callbackFormat,
        Instant requestedAt) implements SolveEvent {

    @JsonCreator
    public SolveFailed {
    }

    /** An outcome without a per-request callback. */
    public SolveFailed(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, SolveType type, SolveErrorCode errorCode,
            String message, Instant startedAt, long elapsedMs) {
        this(eventId, occurredAt, solveId, accountId, type, errorCode, message, startedAt, elapsedMs, null, null, null);
    }

    /** An outcome whose callback (if any) gets the native body. */
    public SolveFailed(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, SolveType type, SolveErrorCode errorCode,
            String message, Instant startedAt, long elapsedMs, String callbackUrl) {
        this(eventId, occurredAt, solveId, accountId, type, errorCode, message, startedAt, elapsedMs, callbackUrl, null, null);
    }
}
