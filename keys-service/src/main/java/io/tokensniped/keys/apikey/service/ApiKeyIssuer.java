package io.tokensniped.keys.apikey.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.uuid.Generators;

import io.tokensniped.events.keys.ApiKeyCreated;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.keys.apikey.ApiKey;
import io.tokensniped.keys.apikey.messaging.ApiKeyEventPublisher;
import io.tokensniped.keys.config.KeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Mints API keys: the full key leaves this class once, in the return value; only its hash is stored and published. */
@ApplicationScoped
public class ApiKeyIssuer {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final SecureRandom random = new SecureRandom();
    private final KeysConfig config;
    private final ApiKeyEventPublisher publisher;

    public ApiKeyIssuer(KeysConfig config, ApiKeyEventPublisher publisher) {
        this.config = config;
        this.publisher = publisher;
    }

    public record Issued(ApiKey key, String fullKey) {
    }

    public String newSecret(ApiKeyMode mode) {
        StringBuilder key = new StringBuilder(mode.keyPrefix());
        for (int i = 0; i < config.keys().secretLength(); i++) {
            key.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return key.toString();
    }

    /** Stores a key for the given full secret and announces it; the caller decides whether the secret is new. */
    @Transactional
    public Issued register(UUID accountId, String name, String fullKey, ApiKeyMode mode, int rpm, int rpd) {
        ApiKey key = new ApiKey();
        key.id = Generators.timeBasedEpochGenerator().generate();
        key.accountId = accountId;
        key.name = name;
        key.keyHash = ApiKeyHash.of(fullKey);
        key.keyPrefix = fullKey.substring(0, Math.min(fullKey.length(), config.keys().displayPrefixLength()));
        key.mode = mode;
        key.active = true;
        key.rateLimitRpm = rpm;
        key.rateLimitRpd = rpd;
        key.createdAt = Instant.now();
        key.persist();
        publisher.publish(new ApiKeyCreated(UUID.randomUUID(), key.createdAt, key.id, accountId, key.keyHash, key.state()));
        return new Issued(key, fullKey);
    }
}
