package io.tokensniped.events.json;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Applies {@link ContractJsonModule} to the ObjectMapper of every Quarkus service that depends on this module, for
 * REST bodies and Kafka payloads alike.
 */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new ContractJsonModule());
    }

    /** Last, so the contract's Instant format wins over the JavaTimeModule Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
