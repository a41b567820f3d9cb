package io.tokensniped.webhooks.event.service;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveType;

/** The {@code data} of each outbound event type (docs/webhooks.md lists them; asyncapi.yaml has their schemas). */
public final class OutboundPayloads {

    private OutboundPayloads() {
    }

    /** solve.succeeded and solve.failed: the solve's outcome as GET /api/solve/{id} would show it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SolveOutcome(UUID solveId, SolveType type, String status, boolean testMode, Solution solution,
            Long cost, String errorCode, String message, long elapsedMs) {
    }

    /** balance.low: the balance fell below the account's threshold. */
    public record BalanceLow(long credits, long threshold) {
    }

    /** credits.purchased: a paid purchase was credited. */
    public record CreditsPurchased(long amount, long balanceAfter, String provider, String reference) {
    }

    /** api_key.revoked: the key was deleted and no longer authenticates. */
    public record ApiKeyRevoked(UUID apiKeyId) {
    }
}
