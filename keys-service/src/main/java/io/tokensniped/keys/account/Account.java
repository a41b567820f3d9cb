package io.tokensniped.keys.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A customer account: the owner of keys, credits and solves. */
@Entity
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;
    public String email;
    public String name;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Account> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }
}
