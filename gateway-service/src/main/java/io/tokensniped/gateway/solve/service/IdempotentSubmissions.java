package io.tokensniped.gateway.solve.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.gateway.common.RedisPipeline;
import io.tokensniped.gateway.common.RedisScript;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code Idempotency-Key}: per account, a key names one submission for 24 h. The first request claims it in Redis
 * (atomically across gateways) while it is admitted, then records the solve it admitted; a retry with the same body
 * gets that solve back (and so no second charge), a different body 409, a retry while the first is still being
 * admitted 409. A submission that is refused (402, 429, 503...) frees the key, so the retry can succeed later.
 */
@ApplicationScoped
public class IdempotentSubmissions {

    private static final Logger LOG = Logger.getLogger(IdempotentSubmissions.class);
    private static final String PENDING = "pending";
    private static final String ADMITTED = "admitted";
    private static final String SEPARATOR = "|";

    public sealed interface Claim permits Fresh, Replay {
    }

    /** This request holds the key and goes on to admission. */
    public record Fresh(String recordKey, String fingerprint) implements Claim {
    }

    /** The key already names an admitted solve with the same body. */
    public record Replay(UUID solveId, Instant createdAt, Instant deadline) implements Claim {
    }

    private final RedisPipeline redis;
    private final ObjectMapper json;
    private final GatewayConfig.Idempotency settings;
    private final Duration redisTimeout;
    private final int retryAfterSeconds;
    private final RedisScript claimScript;

    public IdempotentSubmissions(RedisPipeline redis, ObjectMapper json, GatewayConfig config) {
        this.redis = redis;
        this.json = json;
        this.settings = config.idempotency();
        this.redisTimeout = config.rateLimit().redisTimeout();
        this.retryAfterSeconds = config.rateLimit().unavailableRetryAfterSeconds();
        this.claimScript = RedisScript.load("/idempotency/claim.lua");
    }

    /** What "the same body" means: the same solve type and the same fields after parsing (whitespace and order aside). */
    public String fingerprint(SolveSubmission submission) {
        try {
            return sha256(submission.type().wireName() + "\n" + json.writeValueAsString(submission.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated request always serialises", e);
        }
    }

    public Uni<Claim> claim(UUID accountId, String idempotencyKey, String fingerprint) {
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > settings.maxKeyLength()
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.VALIDATION_ERROR,
                    "Idempotency-Key must be 1 to " + settings.maxKeyLength() + " visible ASCII characters"));
        }
        String recordKey = "idem:" + accountId + ":" + sha256(idempotencyKey);
        return claimScript.run(redis, java.util.List.of(recordKey), PENDING + SEPARATOR + fingerprint,
                String.valueOf(settings.pendingTtl().toSeconds()))
                .ifNoItem().after(redisTimeout).fail()
                .onFailure()
                .transform(e -> ApiException.unavailable("idempotency keys are unavailable, retry shortly", retryAfterSeconds))
                .map(existing -> existing == null
                        ? new Fresh(recordKey, fingerprint)
                        : existing(existing.toString(), fingerprint));
    }

    private static Claim existing(String record, String fingerprint) {
        String[] parts = record.split("\\|");
        if (!parts[1].equals(fingerprint)) {
            throw ApiException.conflict("this Idempotency-Key was used with a different request body");
        }
        if (PENDING.equals(parts[0])) {
            throw ApiException.conflict("a request with this Idempotency-Key is still being admitted; retry shortly");
        }
        return new Replay(UUID.fromString(parts[2]), Instant.ofEpochMilli(Long.parseLong(parts[3])),
                Instant.ofEpochMilli(Long.parseLong(parts[4])));
    }

    /** Records the admitted solve under the key for the rest of its lifetime. */
    public Uni<Void> admitted(Fresh claim, SolveRequested request) {
        String record = String.join(SEPARATOR, ADMITTED, claim.fingerprint(), request.solveId().toString(),
                String.valueOf(request.occurredAt().toEpochMilli()), String.valueOf(request.deadline().toEpochMilli()));
        return redis.execute("SET", claim.recordKey(), record, "EX", String.valueOf(settings.ttl().toSeconds()))
                .ifNoItem().after(redisTimeout).fail()
                .onFailure().invoke(e -> LOG.warnf("could not record the solve %s under its Idempotency-Key (the key frees"
                        + " itself when its claim expires): %s", request.solveId(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The submission was refused: the key is free for the retry. */
    public Uni<Void> abandon(Fresh claim) {
        return redis.execute("DEL", claim.recordKey())
                .ifNoItem().after(redisTimeout).fail()
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
