package io.tokensniped.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tokensniped.events.keys.ApiKeyCreated;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.keys.ApiKeyRevoked;
import io.tokensniped.events.keys.ApiKeyState;
import io.tokensniped.events.keys.ApiKeyUpdated;

/**
 * Keys learnt from a keys-service lookup against keys learnt from the key topic: a lookup fills the gap before a
 * key's first event, and never overrides an event, however late the lookup's answer arrives.
 */
@Tag("fast")
class ApiKeyDirectoryTest {

    final ApiKeyDirectory directory = new ApiKeyDirectory("unused:9092", null);
    final UUID id = UUID.randomUUID();
    final UUID account = UUID.randomUUID();
    final String hash = "h-" + id;

    ApiKeyState state(boolean active) {
        return new ApiKeyState("sk_live_abcd", ApiKeyMode.LIVE, active, 60, 10_000);
    }

    void apply(ApiKeyEvent event) {
        directory.apply(new ConsumerRecord<>("keys.api-keys", 0, 0, id.toString(), event));
    }

    @Test
    void aLookedUpKeyIsKnownBeforeItsEventAndTheEventTakesOver() {
        assertTrue(directory.learn(hash, new KnownKey(id, account, state(true))).orElseThrow().state().active());
        apply(new ApiKeyUpdated(UUID.randomUUID(), Instant.now(), id, account, hash, state(false)));
        assertFalse(directory.find(hash).orElseThrow().state().active());
    }

    @Test
    void aLookupAnsweredBeforeARevocationCannotBringTheKeyBack() {
        apply(new ApiKeyCreated(UUID.randomUUID(), Instant.now(), id, account, hash, state(true)));
        apply(new ApiKeyRevoked(UUID.randomUUID(), Instant.now(), id, account, hash));
        assertTrue(directory.learn(hash, new KnownKey(id, account, state(true))).isEmpty());
        assertTrue(directory.find(hash).isEmpty());
    }

    @Test
    void aLookupAnsweredBeforeADeactivationCannotReactivateTheKey() {
        apply(new ApiKeyUpdated(UUID.randomUUID(), Instant.now(), id, account, hash, state(false)));
        assertEquals(false, directory.learn(hash, new KnownKey(id, account, state(true))).orElseThrow().state().active());
    }
}
