package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The page issued what the customer asked for; {@code price} is the admitted price, now owed. {@code callbackUrl} is
 * the request's, carried to the outcome so webhooks-service can deliver it there (null when none was named), with
 * the request's {@code callbackFormat} and its {@code occurredAt} as {@code requestedAt} (the task protocol's
 * {@code createTime}); both null in events of producers that predate them.
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
        String callbackUrl,
        CallbackFormat callbackFormat,
        Instant requestedAt) implements SolveEvent {

    @JsonCreator
    public SolveSucceeded {
    }

    /** An outcome without a per-request callback. */
    public SolveSucceeded(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, SolveType type,
            Solution solution, long price, Instant startedAt, long elapsedMs) {
        this(eventId, occurredAt, solveId, accountId, type, solution, price, startedAt, elapsedMs, null, null, null);
    }

    /** An outcome whose callback (if any) gets the native body. */
    public SolveSucceeded(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, SolveType type,
            Solution solution, long price, Instant startedAt, long elapsedMs, String callbackUrl) {
        this(eventId, occurredAt, solveId, accountId, type, solution, price, startedAt, elapsedMs, callbackUrl, null, null);
    }
}
