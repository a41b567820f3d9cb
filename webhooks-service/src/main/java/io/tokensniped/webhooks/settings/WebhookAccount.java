package io.tokensniped.webhooks.settings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account's webhook settings, the last balance seen (to notice when it falls below the threshold), and the secret
 * that signs its per-solve callbacks.
 */
@Entity
@Table(name = "webhook_account")
public class WebhookAccount extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;
    /** Null: the service's default threshold. */
    @Column(name = "balance_low_threshold")
    public Long balanceLowThreshold;
    @Column(name = "last_credits")
    public Long lastCredits;
    /** Signs deliveries to a solve's callbackUrl; made on first use (CallbackSecrets). */
    @Column(name = "callback_secret")
    public String callbackSecret;
    @Column(name = "callback_previous_secret")
    public String callbackPreviousSecret;
    @Column(name = "callback_previous_secret_expires_at")
    public Instant callbackPreviousSecretExpiresAt;

    /** The secrets that sign callbacks now: the current one, and the previous one during its overlap. */
    public List<String> callbackSigningSecrets(Instant now) {
        if (callbackPreviousSecret != null && callbackPreviousSecretExpiresAt != null
                && now.isBefore(callbackPreviousSecretExpiresAt)) {
            return List.of(callbackSecret, callbackPreviousSecret);
        }
        return List.of(callbackSecret);
    }
}
