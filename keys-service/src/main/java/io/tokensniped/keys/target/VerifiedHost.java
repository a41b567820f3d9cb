package io.tokensniped.keys.target;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A host an account wants to solve on, verified once it serves the account's token. */
@Entity
@Table(name = "verified_host")
public class VerifiedHost extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String host;
    public String token;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "verified_at")
    public Instant verifiedAt;
}
