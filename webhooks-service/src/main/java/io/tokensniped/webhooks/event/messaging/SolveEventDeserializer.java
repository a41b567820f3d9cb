package io.tokensniped.webhooks.event.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.tokensniped.events.solve.SolveEvent;

public class SolveEventDeserializer extends ObjectMapperDeserializer<SolveEvent> {

    public SolveEventDeserializer() {
        super(SolveEvent.class);
    }
}
