package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

/** A solver instance took the job and opened a browser context for it. */
public record SolveStarted(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, String solverInstance)
        implements
            SolveEvent {
}
