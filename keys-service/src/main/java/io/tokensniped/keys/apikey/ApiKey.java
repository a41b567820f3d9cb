package io.tokensniped.keys.apikey;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.keys.ApiKeyState;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API key as stored: its hash and display prefix, never the key itself. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    public String name;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "key_prefix")
    public String keyPrefix;
    @Convert(converter = ApiKeyModeColumn.class)
    public ApiKeyMode mode;
    public boolean active;
    @Column(name = "rate_limit_rpm")
    public int rateLimitRpm;
    @Column(name = "rate_limit_rpd")
    public int rateLimitRpd;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<ApiKey> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResultOptional();
    }

    public ApiKeyState state() {
        return new ApiKeyState(keyPrefix, mode, active && revokedAt == null, rateLimitRpm, rateLimitRpd);
    }
}
