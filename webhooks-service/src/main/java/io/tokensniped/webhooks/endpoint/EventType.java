package io.tokensniped.webhooks.endpoint;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outbound event types an endpoint may subscribe to, by their wire names. */
public enum EventType {

    SOLVE_SUCCEEDED("solve.succeeded"),
    SOLVE_FAILED("solve.failed"),
    BALANCE_LOW("balance.low"),
    CREDITS_PURCHASED("credits.purchased"),
    API_KEY_REVOKED("api_key.revoked");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
