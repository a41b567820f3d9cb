package io.tokensniped.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What every event carries. {@code eventId} makes consumers idempotent; {@code schemaVersion} names the
 * JSON Schema ({@code schemas/v<version>/<EventName>.json}) the payload conforms to.
 */
public interface EventContract {

    int SCHEMA_VERSION = 1;

    UUID eventId();

    Instant occurredAt();

    @JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY)
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
