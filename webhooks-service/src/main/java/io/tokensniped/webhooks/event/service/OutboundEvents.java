package io.tokensniped.webhooks.event.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.webhooks.delivery.WebhookDelivery;
import io.tokensniped.webhooks.delivery.service.DeliveryDispatcher;
import io.tokensniped.webhooks.endpoint.EventType;
import io.tokensniped.webhooks.endpoint.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Turns something that happened into one outbound event and a pending delivery per subscribed, enabled endpoint, in
 * one transaction (the outbox): once the source event's offset moves on, its deliveries are durable. A source event
 * seen again (redelivery, a second terminal event of one solve) finds its dedupe key taken and adds nothing.
 */
@ApplicationScoped
public class OutboundEvents {

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Clock clock;
    private final DeliveryDispatcher dispatcher;
    private final TransactionSynchronizationRegistry transactions;

    public OutboundEvents(EntityManager entityManager, ObjectMapper json, Clock clock, DeliveryDispatcher dispatcher,
            TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
    }

    /** Records the event for the account's endpoints that want it; false when none does or it was recorded before. */
    @Transactional
    public boolean record(EventType type, UUID accountId, String dedupeKey, Instant occurredAt, Object data) {
        return record(type, accountId, dedupeKey, occurredAt, data, null);
    }

    /**
     * As above, and for a solve's outcome also to the solve's {@code callbackUrl} (when not null) whether or not an
     * endpoint wants it: the same event, the same webhook-id, one delivery more.
     */
    @Transactional
    public boolean record(EventType type, UUID accountId, String dedupeKey, Instant occurredAt, Object data,
            String callbackUrl) {
        List<WebhookEndpoint> targets = WebhookEndpoint.ofAccount(accountId).stream()
                .filter(endpoint -> endpoint.enabled && endpoint.wants(type)).toList();
        if (targets.isEmpty() && callbackUrl == null) {
            return false;
        }
        UUID eventId = UUID.randomUUID();
        Instant now = clock.instant();
        if (!insert(eventId, type, accountId, dedupeKey, occurredAt, payload(type, occurredAt, data), now)) {
            return false;
        }
        for (WebhookEndpoint endpoint : targets) {
            WebhookDelivery.pending(eventId, endpoint.id, now).persist();
        }
        if (callbackUrl != null) {
            WebhookDelivery.callback(eventId, accountId, callbackUrl, now).persist();
        }
        wakeDispatcherAfterCommit();
        return true;
    }

    /**
     * A solve's outcome for its {@code callbackUrl} alone, in a body of its own rather than the webhook event's
     * {@code {type, timestamp, data}} (the task protocol's getTaskResult body for a createTask callback): an event of
     * its own, so its own webhook-id, recorded like the others (deduplicated, one transaction with its delivery).
     */
    @Transactional
    public boolean recordCallback(EventType type, UUID accountId, String dedupeKey, Instant occurredAt, Object body,
            String callbackUrl) {
        UUID eventId = UUID.randomUUID();
        Instant now = clock.instant();
        if (!insert(eventId, type, accountId, dedupeKey, occurredAt, write(body), now)) {
            return false;
        }
        WebhookDelivery.callback(eventId, accountId, callbackUrl, now).persist();
        wakeDispatcherAfterCommit();
        return true;
    }

    /** False when the dedupe key was taken (the source event was recorded before). */
    private boolean insert(UUID eventId, EventType type, UUID accountId, String dedupeKey, Instant occurredAt, String payload,
            Instant now) {
        return entityManager.createNativeQuery("""
                INSERT INTO webhook_event (id, account_id, type, payload, dedupe_key, occurred_at, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (dedupe_key) DO NOTHING""")
                .setParameter(1, eventId).setParameter(2, accountId).setParameter(3, type.wireName())
                .setParameter(4, payload).setParameter(5, dedupeKey)
                .setParameter(6, occurredAt).setParameter(7, now).executeUpdate() > 0;
    }

    /** The Standard Webhooks payload shape: {@code {type, timestamp, data}}. */
    private String payload(EventType type, Instant occurredAt, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("timestamp", occurredAt.toString());
        body.put("data", data);
        return write(body);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a webhook payload", e);
        }
    }

    /** Deliveries are due at once: the dispatcher is told when they are visible, not only at its next poll. */
    private void wakeDispatcherAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {

            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }
}
