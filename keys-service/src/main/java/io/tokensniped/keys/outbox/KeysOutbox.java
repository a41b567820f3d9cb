package io.tokensniped.keys.outbox;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.EventContract;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Records an event in the caller's transaction; {@link OutboxRelay} publishes it once that has committed. */
@ApplicationScoped
public class KeysOutbox {

    private final ObjectMapper json;

    public KeysOutbox(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param family the event's sealed family type: serialised through it, the payload carries its "event"
     *               discriminator
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <E extends EventContract> void add(String topic, String key, Class<E> family, E event) {
        OutboxEvent row = new OutboxEvent();
        row.id = event.eventId();
        row.topic = topic;
        row.key = key;
        try {
            row.payload = json.writerFor(family).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("key events always serialise", e);
        }
        row.createdAt = Instant.now();
        row.persist();
    }
}
