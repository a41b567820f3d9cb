package io.tokensniped.webhooks.settings;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's webhook settings and the last balance seen, to notice when it falls below the threshold. */
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
}
