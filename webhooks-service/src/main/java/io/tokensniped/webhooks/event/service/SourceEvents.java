package io.tokensniped.webhooks.event.service;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.billing.CreditsPurchased;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.events.keys.ApiKeyRevoked;
import io.tokensniped.events.solve.CallbackFormat;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.support.taskprotocol.EndedTask;
import io.tokensniped.support.taskprotocol.SolutionShape;
import io.tokensniped.webhooks.config.WebhooksConfig;
import io.tokensniped.webhooks.endpoint.EventType;
import io.tokensniped.webhooks.settings.WebhookAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Which platform events become which outbound events, and their data. */
@ApplicationScoped
public class SourceEvents {

    /** Dedupe key prefix of a task-protocol callback's own event (beside the solve's {@code solve:<id>}). */
    private static final String TASK_CALLBACK = "task-callback:";

    private final OutboundEvents outbound;
    private final ObjectMapper json;
    private final long defaultThreshold;

    public SourceEvents(OutboundEvents outbound, ObjectMapper json, WebhooksConfig config) {
        this.outbound = outbound;
        this.json = json;
        this.defaultThreshold = config.webhooks().defaultBalanceLowThreshold();
    }

    /**
     * A solve's first terminal event is its outcome (a redelivered solve may end twice): one event per solve, delivered
     * to the account's endpoints and to the solve's callbackUrl if it named one. A callback that asked for the task
     * protocol's body (createTask) gets that body instead, as an event of its own, in the same transaction.
     */
    @Transactional
    public void solve(SolveEvent event, boolean testMode) {
        String dedupeKey = "solve:" + event.solveId();
        if (event instanceof SolveSucceeded s) {
            boolean taskProtocol = CallbackFormat.isTaskProtocol(s.callbackFormat());
            outbound.record(EventType.SOLVE_SUCCEEDED, s.accountId(), dedupeKey, s.occurredAt(),
                    new OutboundPayloads.SolveOutcome(s.solveId(), s.type(), "solved", testMode, s.solution(),
                            testMode ? 0L : s.price(), null, null, s.elapsedMs()),
                    taskProtocol ? null : s.callbackUrl());
            if (taskProtocol && s.callbackUrl() != null) {
                outbound.recordCallback(EventType.SOLVE_SUCCEEDED, s.accountId(), TASK_CALLBACK + s.solveId(), s.occurredAt(),
                        solved(s).answer(), s.callbackUrl());
            }
        } else if (event instanceof SolveFailed f) {
            boolean taskProtocol = CallbackFormat.isTaskProtocol(f.callbackFormat());
            outbound.record(EventType.SOLVE_FAILED, f.accountId(), dedupeKey, f.occurredAt(),
                    new OutboundPayloads.SolveOutcome(f.solveId(), f.type(), "failed", testMode, null, 0L,
                            f.errorCode().name(), f.message(), f.elapsedMs()),
                    taskProtocol ? null : f.callbackUrl());
            if (taskProtocol && f.callbackUrl() != null) {
                outbound.recordCallback(EventType.SOLVE_FAILED, f.accountId(), TASK_CALLBACK + f.solveId(), f.occurredAt(),
                        new EndedTask.Failed(f.errorCode().name(), f.message()).answer(), f.callbackUrl());
            }
        }
    }

    /**
     * The task as getTaskResult reads it from history, which records this event's price as the cost, the request's time
     * as createdAt and this event's time as completedAt. A producer that predates requestedAt leaves the start of
     * the solve as the best known time.
     */
    private EndedTask.Solved solved(SolveSucceeded s) {
        CallbackFormat format = s.callbackFormat();
        Instant requestedAt = s.requestedAt() != null ? s.requestedAt() : s.occurredAt().minusMillis(s.elapsedMs());
        return new EndedTask.Solved(s.solveId(), SolutionShape.named(format.solutionShape(), s.type()),
                json.valueToTree(s.solution()), s.price(), format.clientIp(), requestedAt, s.occurredAt());
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
