package io.tokensniped.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One immutable change of an account's credits; {@code reference} makes each change happen at most once. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String type;
    public long amount;
    @Column(name = "balance_after")
    public long balanceAfter;
    public String description;
    public String reference;
    @Column(name = "created_at")
    public Instant createdAt;
}
