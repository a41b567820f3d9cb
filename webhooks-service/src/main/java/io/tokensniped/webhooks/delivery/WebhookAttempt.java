package io.tokensniped.webhooks.delivery;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attempt in the delivery log: when, how long, what the receiver answered (or why nothing was sent). */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "delivery_id")
    public UUID deliveryId;
    @Column(name = "attempted_at")
    public Instant attemptedAt;
    @Column(name = "latency_ms")
    public long latencyMs;
    @Column(name = "response_code")
    public Integer responseCode;
    public String excerpt;
    public String error;
    public boolean succeeded;
}
