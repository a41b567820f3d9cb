package io.tokensniped.webhooks.delivery.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tokensniped.webhooks.callback.service.CallbackSecrets;
import io.tokensniped.webhooks.config.WebhooksConfig;
import io.tokensniped.webhooks.delivery.WebhookAttempt;
import io.tokensniped.webhooks.delivery.WebhookDelivery;
import io.tokensniped.webhooks.endpoint.WebhookEndpoint;
import io.tokensniped.webhooks.event.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The delivery outbox's transactions: claiming due deliveries (a lease, so instances share the work and a sender that
 * dies leaves its claims due again: at least once) and recording each attempt with its consequences (delivered,
 * retried on the backoff schedule, given up; the endpoint disabled after failing for too long).
 */
@ApplicationScoped
public class DeliveryLog {

    /** Everything one attempt needs, read when it was claimed ({@code endpointId} null for a per-solve callback). */
    public record Claimed(UUID deliveryId, UUID endpointId, String messageId, String payload, String url,
            List<String> secrets) {
    }

    private final EntityManager entityManager;
    private final CallbackSecrets callbackSecrets;
    private final Clock clock;
    private final BackoffSchedule schedule;
    private final Duration lease;
    private final Duration disableAfter;

    public DeliveryLog(EntityManager entityManager, CallbackSecrets callbackSecrets, Clock clock, WebhooksConfig config) {
        this.entityManager = entityManager;
        this.callbackSecrets = callbackSecrets;
        this.clock = clock;
        WebhooksConfig.Delivery delivery = config.webhooks().delivery();
        this.schedule = new BackoffSchedule(delivery.initialDelay(), delivery.factor(), delivery.maxDelay(),
                delivery.jitter(), delivery.maxAttempts(), () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        this.lease = delivery.lease();
        this.disableAfter = delivery.disableAfter();
    }

    /**
     * Claims up to {@code limit} due deliveries (of enabled endpoints, and per-solve callbacks), oldest due first,
     * skipping others' claims.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Claimed> claimDue(int limit) {
        Instant now = clock.instant();
        List<Object> ids = entityManager.createNativeQuery("""
                WITH due AS (
                    SELECT d.id FROM webhook_delivery d LEFT JOIN webhook_endpoint p ON p.id = d.endpoint_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= ?1 AND (p.enabled OR d.callback_url IS NOT NULL)
                    ORDER BY d.next_attempt_at LIMIT ?2 FOR UPDATE OF d SKIP LOCKED)
                UPDATE webhook_delivery d SET next_attempt_at = ?3 FROM due WHERE d.id = due.id RETURNING d.id""")
                .setParameter(1, now).setParameter(2, limit).setParameter(3, now.plus(lease)).getResultList();
        return ids.stream().map(id -> claimed((UUID) id, now)).toList();
    }

    private Claimed claimed(UUID deliveryId, Instant now) {
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId);
        WebhookEvent event = WebhookEvent.findById(delivery.eventId);
        if (delivery.isCallback()) {
            return new Claimed(deliveryId, null, event.messageId(), event.payload, delivery.callbackUrl,
                    callbackSecrets.of(delivery.accountId).callbackSigningSecrets(now));
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findById(delivery.endpointId);
        return new Claimed(deliveryId, endpoint.id, event.messageId(), event.payload, endpoint.url,
                endpoint.signingSecrets(now));
    }

    /** Records one attempt and what follows from it. */
    @Transactional
    public void record(Claimed claimed, Instant attemptedAt, AttemptResult result) {
        WebhookDelivery delivery = WebhookDelivery.findById(claimed.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !WebhookDelivery.PENDING.equals(delivery.status)) {
            return; // deleted with its endpoint meanwhile
        }
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.id = UUID.randomUUID();
        attempt.deliveryId = delivery.id;
        attempt.attemptedAt = attemptedAt;
        attempt.latencyMs = result.latencyMs();
        attempt.responseCode = result.responseCode();
        attempt.excerpt = result.excerpt();
        attempt.error = result.error();
        attempt.succeeded = result.succeeded();
        attempt.persist();

        Instant now = clock.instant();
        delivery.attempts++;
        delivery.lastAttemptAt = attemptedAt;
        if (result.succeeded()) {
            delivery.status = WebhookDelivery.DELIVERED;
            delivery.nextAttemptAt = null;
        } else {
            schedule.delayAfter(delivery.attempts).ifPresentOrElse(delay -> delivery.nextAttemptAt = now.plus(delay), () -> {
                delivery.status = WebhookDelivery.FAILED;
                delivery.nextAttemptAt = null;
            });
        }
        if (delivery.isCallback()) {
            return; // a one-off URL: nothing to disable, every solve may name another
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findById(delivery.endpointId, LockModeType.PESSIMISTIC_WRITE);
        if (result.succeeded()) {
            endpoint.failingSince = null;
            return;
        }
        if (endpoint.failingSince == null) {
            endpoint.failingSince = attemptedAt;
        } else if (endpoint.enabled && !now.isBefore(endpoint.failingSince.plus(disableAfter))) {
            endpoint.enabled = false;
            endpoint.disabledReason = "disabled automatically: every delivery failed since " + endpoint.failingSince
                    + " (last: " + result.summary() + ")";
            endpoint.updatedAt = now;
        }
    }

    public BackoffSchedule schedule() {
        return schedule;
    }
}
