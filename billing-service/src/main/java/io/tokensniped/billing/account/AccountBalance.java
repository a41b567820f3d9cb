package io.tokensniped.billing.account;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account's running balance (always the sum of its ledger entries) and the part of it held by solves in flight.
 * Written only by native statements that check and change it atomically; read here.
 */
@Entity
@Table(name = "account_balance")
public class AccountBalance extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;
    public long credits;
    public long held;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public long available() {
        return credits - held;
    }
}
