package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.tokensniped.events.EventContract;

/**
 * A solve admitted by the gateway. The price is fixed at admission; the solver must not start it after
 * {@code deadline}. {@code proxy} may hold customer credentials: consumers other than the solver must not store it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SolveRequested(
        UUID eventId,
        Instant occurredAt,
        UUID solveId,
        UUID accountId,
        UUID apiKeyId,
        SolveType type,
        boolean testMode,
        long price,
        Instant deadline,
        SolveTarget target,
        String proxy) implements EventContract {
}
