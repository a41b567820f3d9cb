package io.tokensniped.gateway;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyCreated;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.keys.ApiKeyState;
import io.tokensniped.localstack.testing.TestKafka;

/** API keys as keys-service announces them on the key topic, which is how the gateway learns of them. */
final class AnnouncedKeys {

    private AnnouncedKeys() {
    }

    /** Publishes the creation of a new key of another account and returns the full key (the gateway learns it soon after). */
    static String announce(String kafka, ObjectMapper json, ApiKeyMode mode, boolean active, int rpm, int rpd)
            throws Exception {
        return announce(kafka, json, UUID.randomUUID(), mode, active, rpm, rpd);
    }

    static String announce(String kafka, ObjectMapper json, UUID account, ApiKeyMode mode, boolean active, int rpm, int rpd)
            throws Exception {
        String key = mode.keyPrefix() + UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
        UUID id = UUID.randomUUID();
        TestKafka.publish(kafka, Topics.API_KEYS, id.toString(), json.writeValueAsString(new ApiKeyCreated(UUID.randomUUID(),
                Instant.now(), id, account, ApiKeyHash.of(key),
                new ApiKeyState(key.substring(0, 12), mode, active, rpm, rpd))));
        return key;
    }
}
