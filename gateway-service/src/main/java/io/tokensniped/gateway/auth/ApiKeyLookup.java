package io.tokensniped.gateway.auth;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.keys.ApiKeyState;
import io.tokensniped.gateway.common.ServiceCall;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Asks keys-service for a key this gateway has not learnt from {@code keys.api-keys} yet: a key works from the moment
 * its creation is answered, before its event arrives. Keys-service's "no such key" is remembered for a short while
 * (a negative cache), and lookups in flight are bounded, so a flood of wrong keys cannot turn into a flood of lookups.
 * When keys-service cannot answer, the key counts as unknown (401), never as valid.
 */
@ApplicationScoped
public class ApiKeyLookup {

    private static final Logger LOG = Logger.getLogger(ApiKeyLookup.class);
    private static final String LOOKUP_PATH = "/internal/api-keys/";
    private static final int FOUND = 200;
    private static final int NOT_FOUND = 404;

    private final ServiceCall keys;
    private final ObjectMapper json;
    private final Cache<String, Boolean> unknown;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    public ApiKeyLookup(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        GatewayConfig.Keys settings = config.keys();
        this.keys = new ServiceCall(vertx, config.services().keys().url(), config.internal().secret(), settings.lookupTimeout(),
                config.services().connections());
        this.json = json;
        this.unknown = Caffeine.newBuilder().expireAfterWrite(settings.unknownKeyTtl())
                .maximumSize(settings.unknownKeyCacheSize())
                .build();
        this.maxInFlight = settings.maxLookupsInFlight();
    }

    /** The key with this hash as keys-service knows it now; empty when unknown, revoked, or not askable now. */
    public Uni<Optional<KnownKey>> find(String keyHash) {
        if (unknown.getIfPresent(keyHash) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Uni.createFrom().item(Optional.empty());
        }
        return keys.send(HttpMethod.GET, LOOKUP_PATH + keyHash, Buffer.buffer(), Map.of())
                .map(answer -> {
                    if (answer.status() == NOT_FOUND) {
                        unknown.put(keyHash, Boolean.TRUE);
                    }
                    return answer.status() == FOUND ? parse(answer.body()) : Optional.<KnownKey>empty();
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("key lookup failed: %s", e.toString());
                    return Optional.empty();
                })
                .eventually(inFlight::decrementAndGet);
    }

    private Optional<KnownKey> parse(Buffer body) {
        try {
            JsonNode key = json.readTree(body.getBytes());
            return Optional.of(new KnownKey(java.util.UUID.fromString(key.path("apiKeyId").asText()),
                    java.util.UUID.fromString(key.path("accountId").asText()),
                    json.treeToValue(key.path("state"), ApiKeyState.class)));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("keys-service answered a key lookup with an unreadable body: %s", e.toString());
            return Optional.empty();
        }
    }
}
