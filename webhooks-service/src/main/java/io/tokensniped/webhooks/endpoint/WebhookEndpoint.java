package io.tokensniped.webhooks.endpoint;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer's receiver: where events go, which ones, and the secret(s) that sign them. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String url;
    public String description;
    /** Wire names, comma-separated (an endpoint has a handful). */
    @Column(name = "event_types")
    public String eventTypes;
    public boolean enabled;
    @Column(name = "disabled_reason")
    public String disabledReason;
    public String secret;
    @Column(name = "previous_secret")
    public String previousSecret;
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;
    /** The first failed attempt since the last success; null while the endpoint is healthy. */
    @Column(name = "failing_since")
    public Instant failingSince;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> eventTypeList() {
        return Arrays.stream(eventTypes.split(",")).filter(s -> !s.isEmpty()).toList();
    }

    public boolean wants(EventType type) {
        return eventTypeList().contains(type.wireName());
    }

    /** The secrets that sign now: the current one, and the previous one during its overlap. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    public static List<WebhookEndpoint> ofAccount(UUID accountId) {
        return list("accountId = ?1 order by createdAt desc", accountId);
    }
}
