package io.tokensniped.webhooks.delivery;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One event on its way to one endpoint, or to the callbackUrl its solve named (the outbox row): pending until a 2xx,
 * or failed once the schedule ends.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    @Column(name = "event_id")
    public UUID eventId;
    /** Null for a per-solve callback. */
    @Column(name = "endpoint_id")
    public UUID endpointId;
    /** A per-solve callback's URL (its account signs it); null for an endpoint's delivery. */
    @Column(name = "callback_url")
    public String callbackUrl;
    /** The owner of a per-solve callback; null for an endpoint's delivery (the endpoint has the account). */
    @Column(name = "account_id")
    public UUID accountId;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    @Column(name = "created_at")
    public Instant createdAt;

    public static WebhookDelivery pending(UUID eventId, UUID endpointId, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.eventId = eventId;
        delivery.endpointId = endpointId;
        delivery.status = PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    /** A solve's outcome on its way to the callbackUrl the solve request named. */
    public static WebhookDelivery callback(UUID eventId, UUID accountId, String callbackUrl, Instant now) {
        WebhookDelivery delivery = pending(eventId, null, now);
        delivery.accountId = accountId;
        delivery.callbackUrl = callbackUrl;
        return delivery;
    }

    public boolean isCallback() {
        return callbackUrl != null;
    }
}
