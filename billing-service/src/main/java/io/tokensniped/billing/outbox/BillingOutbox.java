package io.tokensniped.billing.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.Topics;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.support.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Records billing events in the caller's transaction, keyed by account (one account's events stay in order);
 * {@link BillingEventRelay} publishes them once it has committed.
 */
@ApplicationScoped
public class BillingOutbox {

    private final OutboxWriter outbox;

    public BillingOutbox(EntityManager em, ObjectMapper json) {
        this.outbox = new OutboxWriter(em, json);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(BillingEvent event) {
        outbox.append(Topics.BILLING_EVENTS, event.accountId().toString(), BillingEvent.class, event);
    }
}
