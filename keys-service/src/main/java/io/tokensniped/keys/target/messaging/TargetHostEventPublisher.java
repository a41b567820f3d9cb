package io.tokensniped.keys.target.messaging;

import io.tokensniped.events.Topics;
import io.tokensniped.events.targets.TargetHostEvent;
import io.tokensniped.keys.outbox.KeysOutbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes verified-host changes to {@code keys.verified-hosts}, keyed by account/host; through the outbox, in the
 * caller's transaction.
 */
@ApplicationScoped
public class TargetHostEventPublisher {

    private final KeysOutbox outbox;

    public TargetHostEventPublisher(KeysOutbox outbox) {
        this.outbox = outbox;
    }

    public void publish(TargetHostEvent event) {
        outbox.add(Topics.VERIFIED_HOSTS, event.recordKey(), TargetHostEvent.class, event);
    }
}
