package io.tokensniped.webhooks.event.service;

import java.util.UUID;

import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.billing.CreditsPurchased;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.events.keys.ApiKeyRevoked;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.webhooks.config.WebhooksConfig;
import io.tokensniped.webhooks.endpoint.EventType;
import io.tokensniped.webhooks.settings.WebhookAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Which platform events become which outbound events, and their data. */
@ApplicationScoped
public class SourceEvents {

    private final OutboundEvents outbound;
    private final long defaultThreshold;

    public SourceEvents(OutboundEvents outbound, WebhooksConfig config) {
        this.outbound = outbound;
        this.defaultThreshold = config.webhooks().defaultBalanceLowThreshold();
    }

    /**
     * A solve's first terminal event is its outcome (a redelivered solve may end twice): one event per solve, delivered
     * to the account's endpoints and to the solve's callbackUrl if it named one.
     */
    public void solve(SolveEvent event, boolean testMode) {
        String dedupeKey = "solve:" + event.solveId();
        if (event instanceof SolveSucceeded s) {
            outbound.record(EventType.SOLVE_SUCCEEDED, s.accountId(), dedupeKey, s.occurredAt(),
                    new OutboundPayloads.SolveOutcome(s.solveId(), s.type(), "solved", testMode, s.solution(),
                            testMode ? 0L : s.price(), null, null, s.elapsedMs()), s.callbackUrl());
        } else if (event instanceof SolveFailed f) {
            outbound.record(EventType.SOLVE_FAILED, f.accountId(), dedupeKey, f.occurredAt(),
                    new OutboundPayloads.SolveOutcome(f.solveId(), f.type(), "failed", testMode, null, 0L,
                            f.errorCode().name(), f.message(), f.elapsedMs()), f.callbackUrl());
        }
    }

    @Transactional
    public void billing(BillingEvent event) {
        if (event instanceof CreditsPurchased p) {
            outbound.record(EventType.CREDITS_PURCHASED, p.accountId(), "event:" + p.eventId(), p.occurredAt(),
                    new OutboundPayloads.CreditsPurchased(p.amount(), p.balanceAfter(), p.provider(), p.reference()));
        } else if (event instanceof BalanceChanged changed) {
            balanceChanged(changed);
        }
    }

    /**
     * balance.low fires when the balance goes from at or above the account's threshold to below it (not while it
     * stays below). Billing's own BalanceLow uses one threshold for everyone; this one is per account.
     */
    private void balanceChanged(BalanceChanged changed) {
        WebhookAccount account = WebhookAccount.findById(changed.accountId(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            account = new WebhookAccount();
            account.accountId = changed.accountId();
            account.persist();
        }
        long threshold = account.balanceLowThreshold != null ? account.balanceLowThreshold : defaultThreshold;
        Long previous = account.lastCredits;
        account.lastCredits = changed.credits();
        if (previous != null && previous >= threshold && changed.credits() < threshold) {
            outbound.record(EventType.BALANCE_LOW, changed.accountId(), "balance.low:" + changed.eventId(),
                    changed.occurredAt(), new OutboundPayloads.BalanceLow(changed.credits(), threshold));
        }
    }

    public void apiKey(ApiKeyEvent event) {
        if (event instanceof ApiKeyRevoked revoked) {
            UUID keyId = revoked.apiKeyId();
            outbound.record(EventType.API_KEY_REVOKED, revoked.accountId(), "event:" + revoked.eventId(),
                    revoked.occurredAt(), new OutboundPayloads.ApiKeyRevoked(keyId));
        }
    }
}
