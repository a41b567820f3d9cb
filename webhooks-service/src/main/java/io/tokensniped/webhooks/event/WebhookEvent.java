package io.tokensniped.webhooks.event;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One outbound event: the exact body every endpoint receives, and the id receivers deduplicate by. */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String type;
    public String payload;
    @Column(name = "dedupe_key")
    public String dedupeKey;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "created_at")
    public Instant createdAt;

    /** The {@code webhook-id} header: stable across retries and resends of this event. */
    public String messageId() {
        return "msg_" + id;
    }
}
