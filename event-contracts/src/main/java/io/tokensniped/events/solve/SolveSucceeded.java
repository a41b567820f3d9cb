package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The page issued what the customer asked for; {@code price} is the admitted price, now owed. {@code callbackUrl} is
 * the request's, carried to the outcome so webhooks-service can deliver it there (null when none was named).
 */
public record SolveSucceeded(
        UUID eventId,
        Instant occurredAt,
        UUID solveId,
        UUID accountId,
        SolveType type,
        Solution solution,
        long price,
        Instant startedAt,
        long elapsedMs,
        String callbackUrl) implements SolveEvent {

    @JsonCreator
    public SolveSucceeded {
    }

    /** An outcome without a per-request callback. */
    public SolveSucceeded(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, SolveType type,
            Solution solution, long price, Instant startedAt, long elapsedMs) {
        this(eventId, occurredAt, solveId, accountId, type, solution, price, startedAt, elapsedMs, null);
    }
}
