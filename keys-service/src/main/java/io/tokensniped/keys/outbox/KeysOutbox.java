package io.tokensniped.keys.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.EventContract;
import io.tokensniped.support.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    private final OutboxWriter outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final KeyEventRelay relay;

    public KeysOutbox(EntityManager em, ObjectMapper json, TransactionSynchronizationRegistry transactions,
            KeyEventRelay relay) {
        this.outbox = new OutboxWriter(em, json);
        this.transactions = transactions;
        this.relay = relay;
    }

    /** @param family the event's sealed family type (see {@link OutboxWriter#append}) */
    @Transactional(Transactional.TxType.MANDATORY)
    public <E extends EventContract> void add(String topic, String key, Class<E> family, E event) {
        outbox.append(topic, key, family, event);
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
