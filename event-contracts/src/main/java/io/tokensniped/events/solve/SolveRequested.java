package io.tokensniped.events.solve;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.tokensniped.events.EventContract;

/**
 * A solve admitted by the gateway. The price is fixed at admission; the solver must not start it after
 * {@code deadline}. {@code proxy} may hold customer credentials: consumers other than the solver must not store it.
 * {@code callbackUrl} (checked by the gateway's egress rule) is copied by whoever ends the solve onto its
 * {@link SolveSucceeded}/{@link SolveFailed}, where webhooks-service picks it up; null when the request named none.
 * {@code callbackFormat} says which body that callback gets (null: the native webhook event) and is carried the same way.
 * {@code provisionalHold} is true when billing could not be reached at admission and the gateway reserved the price
 * against the account's last known available balance instead: billing places the hold itself when it reads this record
 * (docs/architecture.md, "Credits while billing is away").
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
        String proxy,
        String callbackUrl,
        CallbackFormat callbackFormat,
        boolean provisionalHold) implements EventContract {

    @JsonCreator
    public SolveRequested {
    }

    /** A request whose hold billing placed at admission. */
    public SolveRequested(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, UUID apiKeyId, SolveType type,
            boolean testMode, long price, Instant deadline, SolveTarget target, String proxy, String callbackUrl,
            CallbackFormat callbackFormat) {
        this(eventId, occurredAt, solveId, accountId, apiKeyId, type, testMode, price, deadline, target, proxy, callbackUrl,
                callbackFormat, false);
    }

    /** The same request, its price reserved by the gateway while billing was away (billing holds it on reading it). */
    public SolveRequested withProvisionalHold() {
        return new SolveRequested(eventId, occurredAt, solveId, accountId, apiKeyId, type, testMode, price, deadline, target,
                proxy, callbackUrl, callbackFormat, true);
    }

    /** A request without a per-request callback. */
    public SolveRequested(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, UUID apiKeyId, SolveType type,
            boolean testMode, long price, Instant deadline, SolveTarget target, String proxy) {
        this(eventId, occurredAt, solveId, accountId, apiKeyId, type, testMode, price, deadline, target, proxy, null);
    }

    /** A request whose callback (if any) gets the native body. */
    public SolveRequested(UUID eventId, Instant occurredAt, UUID solveId, UUID accountId, UUID apiKeyId, SolveType type,
            boolean testMode, long price, Instant deadline, SolveTarget target, String proxy, String callbackUrl) {
        this(eventId, occurredAt, solveId, accountId, apiKeyId, type, testMode, price, deadline, target, proxy, callbackUrl,
                null);
    }
}
