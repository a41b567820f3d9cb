package io.tokensniped.events.keys;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.tokensniped.events.EventContract;

/**
 * The life of an API key on the compacted topic {@code keys.api-keys}, keyed by key id. Every event carries the
 * key's whole current state, so the newest record per key is all a reader needs. Never the key itself: only its hash.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ApiKeyCreated.class, name = "ApiKeyCreated"),
        @JsonSubTypes.Type(value = ApiKeyUpdated.class, name = "ApiKeyUpdated"),
        @JsonSubTypes.Type(value = ApiKeyRevoked.class, name = "ApiKeyRevoked")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ApiKeyEvent extends EventContract permits ApiKeyCreated, ApiKeyUpdated, ApiKeyRevoked {

    UUID apiKeyId();

    UUID accountId();

    /** Hex SHA-256 of the full key: what the gateway looks a presented key up by. */
    String keyHash();
}
