package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

/** The solve ended without a result; it is never charged. {@code errorCode} is one of the contract's solver codes. */
public record SolveFailed(
        UUID eventId,
        Instant occurredAt,
        UUID solveId,
        UUID accountId,
        SolveType type,
        SolveErrorCode errorCode,
        String message,
        Instant startedAt,
        long elapsedMs) implements SolveEvent {
}
