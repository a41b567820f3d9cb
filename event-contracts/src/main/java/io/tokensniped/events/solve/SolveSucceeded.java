package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

/** The page issued what the customer asked for; {@code price} is the admitted price, now owed. */
public record SolveSucceeded(
        UUID eventId,
        Instant occurredAt,
        UUID solveId,
        UUID accountId,
        SolveType type,
        Solution solution,
        long price,
        Instant startedAt,
        long elapsedMs) implements SolveEvent {
}
