package io.tokensniped.gateway.auth;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyCreated;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.events.keys.ApiKeyRevoked;
import io.tokensniped.events.keys.ApiKeyUpdated;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.kafka.TopicFollower;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * This gateway instance's view of every API key, by hash, rebuilt from the compacted {@code keys.api-keys} topic at
 * start and kept current by following it: the solve path never calls keys-service for a key it knows, and a change
 * reaches every instance as fast as Kafka delivers a record. A key created a moment ago may be {@link #learn learnt}
 * from keys-service before its event arrives; once any event of a key has been applied, only events change it, so a
 * lookup answered before a revocation can never bring a revoked or deactivated key back.
 */
@ApplicationScoped
public class ApiKeyDirectory {

    private final Map<String, KnownKey> byHash = new ConcurrentHashMap<>();
    /** A key's hash by id, so an update that arrives for an id replaces the right entry. */
    private final Map<UUID, String> hashById = new ConcurrentHashMap<>();
    /** Every key id an event was applied for (revoked ones included): those are governed by events alone. */
    private final java.util.Set<UUID> announced = ConcurrentHashMap.newKeySet();
    private final String bootstrapServers;
    private final GatewayConfig config;
    private TopicFollower<ApiKeyEvent> follower;

    public ApiKeyDirectory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, GatewayConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        follower = new TopicFollower<>(bootstrapServers, Topics.API_KEYS, new ObjectMapperDeserializer<>(ApiKeyEvent.class),
                TopicFollower.StartAt.BEGINNING, config.follower().pollTimeout(), this::apply).start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (follower != null) {
            follower.close();
        }
    }

    synchronized void apply(ConsumerRecord<String, ApiKeyEvent> record) {
        ApiKeyEvent event = record.value();
        announced.add(event.apiKeyId());
        if (event instanceof ApiKeyCreated e) {
            put(e.apiKeyId(), e.keyHash(), new KnownKey(e.apiKeyId(), e.accountId(), e.state()));
        } else if (event instanceof ApiKeyUpdated e) {
            put(e.apiKeyId(), e.keyHash(), new KnownKey(e.apiKeyId(), e.accountId(), e.state()));
        } else if (event instanceof ApiKeyRevoked e) {
            byHash.remove(e.keyHash());
            hashById.remove(e.apiKeyId());
        }
    }

    private void put(UUID id, String hash, KnownKey key) {
        String previous = hashById.put(id, hash);
        if (previous != null && !previous.equals(hash)) {
            byHash.remove(previous);
        }
        byHash.put(hash, key);
    }

    /**
     * A key keys-service just described, for a key whose event has not arrived: kept unless an event of that key was
     * applied meanwhile (the event is at least as new as the lookup). Returns the key as this directory now holds it.
     */
    public synchronized Optional<KnownKey> learn(String keyHash, KnownKey key) {
        if (!announced.contains(key.apiKeyId())) {
            put(key.apiKeyId(), keyHash, key);
        }
        return find(keyHash);
    }

    public Optional<KnownKey> find(String keyHash) {
        return Optional.ofNullable(byHash.get(keyHash));
    }

    public boolean ready() {
        return follower != null && follower.caughtUp();
    }
}
