package io.tokensniped.billing.outbox;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.Topics;
import io.tokensniped.events.billing.BillingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Records billing events in the caller's transaction; {@link BillingEventRelay} publishes them once it has committed. */
@ApplicationScoped
public class BillingOutbox {

    private final ObjectMapper json;

    public BillingOutbox(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(BillingEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.id = event.eventId();
        row.topic = Topics.BILLING_EVENTS;
        row.key = event.accountId().toString();
        row.type = event.getClass().getSimpleName();
        try {
            // Serialised through the family type, so the payload carries its "event" discriminator.
            row.payload = json.writerFor(BillingEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("billing events always serialise", e);
        }
        row.createdAt = Instant.now();
        row.persist();
    }
}
