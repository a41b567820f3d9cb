package io.tokensniped.keys.outbox;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.EventContract;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Records an event in the caller's transaction; {@link KeyEventRelay} publishes it once that has committed. The
 * commit also wakes the relay, so a new key reaches the gateways at once rather than at the relay's next round.
 */
@ApplicationScoped
public class KeysOutbox {

    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final KeyEventRelay relay;

    public KeysOutbox(ObjectMapper json, TransactionSynchronizationRegistry transactions, KeyEventRelay relay) {
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
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
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
