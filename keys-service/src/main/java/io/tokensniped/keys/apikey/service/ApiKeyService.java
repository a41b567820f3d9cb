package io.tokensniped.keys.apikey.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.keys.ApiKeyRevoked;
import io.tokensniped.events.keys.ApiKeyUpdated;
import io.tokensniped.keys.apikey.ApiKey;
import io.tokensniped.keys.apikey.messaging.ApiKeyEventPublisher;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.ApiKeyCreatedResponse;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.ApiKeyView;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.CreateApiKeyRequest;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.UpdateApiKeyRequest;
import io.tokensniped.keys.config.KeysConfig;
import io.tokensniped.support.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * An account's keys. Another account's key, or a revoked one, does not exist for the caller (404, never 403).
 * Every change is announced on keys.api-keys after commit; the gateways apply it from there.
 */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyIssuer issuer;
    private final ApiKeyEventPublisher publisher;
    private final ApiKeyUsage usage;
    private final KeysConfig config;

    public ApiKeyService(ApiKeyIssuer issuer, ApiKeyEventPublisher publisher, ApiKeyUsage usage, KeysConfig config) {
        this.issuer = issuer;
        this.publisher = publisher;
        this.usage = usage;
        this.config = config;
    }

    public List<ApiKeyView> list(UUID accountId) {
        List<ApiKey> keys = ApiKey.list("accountId = ?1 and revokedAt is null order by createdAt desc, id desc", accountId);
        Map<UUID, Instant> lastUsed = usage.lastUsed(keys.stream().map(k -> k.id).toList());
        return keys.stream().map(k -> ApiKeyView.of(k, lastUsed.getOrDefault(k.id, k.lastUsedAt))).toList();
    }

    @Transactional
    public ApiKeyCreatedResponse create(UUID accountId, CreateApiKeyRequest request) {
        // Serialise creations per account so two concurrent requests cannot both pass the limit check.
        ApiKey.getEntityManager().createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(:account)) as text)")
                .setParameter("account", accountId.toString()).getSingleResult();
        if (ApiKey.count("accountId = ?1 and revokedAt is null", accountId) >= config.keys().maxPerAccount()) {
            throw ApiException.conflict("an account can hold at most " + config.keys().maxPerAccount()
                    + " API keys; delete one first");
        }
        ApiKeyMode mode = "test".equals(request.mode()) ? ApiKeyMode.TEST : ApiKeyMode.LIVE;
        String fullKey = issuer.newSecret(mode);
        ApiKey key = issuer.register(accountId, request.name().trim(), fullKey, mode,
                request.rateLimitRpm() != null ? request.rateLimitRpm() : config.keys().defaultRpm(),
                request.rateLimitRpd() != null ? request.rateLimitRpd() : config.keys().defaultRpd()).key();
        return ApiKeyCreatedResponse.of(key, fullKey);
    }

    @Transactional
    public ApiKeyView update(UUID accountId, UUID keyId, UpdateApiKeyRequest request) {
        ApiKey key = owned(accountId, keyId);
        if (request.name() != null) {
            key.name = request.name().trim();
        }
        if (request.isActive() != null) {
            key.active = request.isActive();
        }
        if (request.rateLimitRpm() != null) {
            key.rateLimitRpm = request.rateLimitRpm();
        }
        if (request.rateLimitRpd() != null) {
            key.rateLimitRpd = request.rateLimitRpd();
        }
        publisher.publish(new ApiKeyUpdated(UUID.randomUUID(), Instant.now(), key.id, accountId, key.keyHash, key.state()));
        return ApiKeyView.of(key, usage.lastUsed(List.of(key.id)).getOrDefault(key.id, key.lastUsedAt));
    }

    @Transactional
    public void revoke(UUID accountId, UUID keyId) {
        ApiKey key = owned(accountId, keyId);
        key.revokedAt = Instant.now();
        key.active = false;
        publisher.publish(new ApiKeyRevoked(UUID.randomUUID(), key.revokedAt, key.id, accountId, key.keyHash));
    }

    private static ApiKey owned(UUID accountId, UUID keyId) {
        return ApiKey.<ApiKey>find("id = ?1 and accountId = ?2 and revokedAt is null", keyId, accountId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("API key"));
    }
}
