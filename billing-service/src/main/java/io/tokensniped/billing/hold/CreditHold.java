package io.tokensniped.billing.hold;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Credits reserved for one admitted solve: open until the solve ends, then captured (charged) or released. */
@Entity
@Table(name = "credit_hold")
public class CreditHold extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String CAPTURED = "captured";
    public static final String RELEASED = "released";

    @Id
    @Column(name = "solve_id")
    public UUID solveId;
    @Column(name = "account_id")
    public UUID accountId;
    public long amount;
    public String status;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "settled_at")
    public Instant settledAt;
}
