package io.tokensniped.history.solve;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A solve as history knows it. Written only by {@code SolveProjection}'s upserts; read through Panache. */
@Entity
@Table(name = "solve")
public class SolveRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "api_key_id")
    public UUID apiKeyId;
    public String type;
    public String status;
    @Column(name = "test_mode")
    public boolean testMode;
    @Column(name = "page_url")
    public String pageUrl;
    /** The widget's key: Turnstile siteKey or Geetest captchaId; none for interstitials. */
    @Column(name = "site_key")
    public String siteKey;
    public long cost;
    /** The solution as JSON text; jsonb in the table, passed through to the API body untouched. */
    public String solution;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "elapsed_ms")
    public Long elapsedMs;
    /** The status last appended to the account's stream (see SolveStreamLog). */
    @Column(name = "streamed_status")
    public String streamedStatus;

    /**
     * Owner-only: another account's solve is indistinguishable from a missing one. A solve is visible once its
     * admission (SolveRequested) is projected, so a status is never shown half-filled when an outcome overtakes it.
     */
    public static Optional<SolveRecord> findOwned(UUID id, UUID accountId) {
        return find("id = ?1 and accountId = ?2 and createdAt is not null", id, accountId).firstResultOptional();
    }
}
