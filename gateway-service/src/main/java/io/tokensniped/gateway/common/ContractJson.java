package io.tokensniped.gateway.common;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.tokensniped.events.json.ContractJsonModule;
import jakarta.inject.Singleton;

/** Applies the contract's JSON conventions to the service's ObjectMapper (REST bodies and Kafka payloads). */
@Singleton
public class ContractJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new ContractJsonModule());
    }
}
