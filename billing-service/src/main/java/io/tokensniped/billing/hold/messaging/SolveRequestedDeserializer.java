package io.tokensniped.billing.hold.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.tokensniped.events.solve.SolveRequested;

public class SolveRequestedDeserializer extends ObjectMapperDeserializer<SolveRequested> {

    public SolveRequestedDeserializer() {
        super(SolveRequested.class);
    }
}
