package io.tokensniped.gateway.credit.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.tokensniped.events.billing.BillingEvent;

public class BillingEventDeserializer extends ObjectMapperDeserializer<BillingEvent> {

    public BillingEventDeserializer() {
        super(BillingEvent.class);
    }
}
