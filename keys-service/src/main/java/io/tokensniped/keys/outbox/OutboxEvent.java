package io.tokensniped.keys.outbox;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event waiting to be (or already) relayed to Kafka; written in the transaction of the change it describes. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** The event's id; the row's place in the relay's order ({@code seq}) is given by the database. */
    @Id
    public UUID id;
    public String topic;
    @Column(name = "event_key")
    public String key;
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
}
