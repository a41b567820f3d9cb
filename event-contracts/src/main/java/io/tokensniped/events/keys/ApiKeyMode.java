package io.tokensniped.events.keys;

import com.fasterxml.jackson.annotation.JsonValue;

/** Live keys drive a browser and move credits; test keys get deterministic answers and never do either. */
public enum ApiKeyMode {

    LIVE("sk_live_"),
    TEST("sk_test_");

    private final String keyPrefix;

    ApiKeyMode(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
