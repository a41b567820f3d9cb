package io.tokensniped.webhooks.event.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.tokensniped.events.keys.ApiKeyEvent;

public class ApiKeyEventDeserializer extends ObjectMapperDeserializer<ApiKeyEvent> {

    public ApiKeyEventDeserializer() {
        super(ApiKeyEvent.class);
    }
}
