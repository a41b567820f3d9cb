package io.tokensniped.support.outbox;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.EventContract;
import jakarta.persistence.EntityManager;

/**
 * The writing half of a transactional outbox ({@link OutboxRelay} is the other): appends an event to
 * {@code outbox_event} in the caller's transaction, so it is published if and only if that transaction commits.
 */
public final class OutboxWriter {

    private final EntityManager em;
    private final ObjectMapper json;

    public OutboxWriter(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * @param family the event's sealed family type: serialised through it, the payload carries its "event"
     *               discriminator
     */
    public <E extends EventContract> void append(String topic, String key, Class<E> family, E event) {
        String payload;
        try {
            payload = json.writerFor(family).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("events always serialise: " + event.getClass().getSimpleName(), e);
        }
        UUID id = event.eventId();
        em.createNativeQuery("insert into outbox_event (id, topic, event_key, event_type, payload, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5, now())")
                .setParameter(1, id).setParameter(2, topic).setParameter(3, key)
                .setParameter(4, event.getClass().getSimpleName()).setParameter(5, payload).executeUpdate();
    }
}
