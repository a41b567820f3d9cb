package io.tokensniped.billing.provider;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A way to pay for credits as customers and operators see it: configured (its secrets are set) or not, and whether
 * it is the run command's local sandbox rather than the real provider.
 */
public record PaymentProvider(String id, String name, Status status, boolean sandbox) {

    public static final String STRIPE = "stripe";
    public static final String CRYPTO = "crypto";

    public enum Status {

        CONFIGURED, NOT_CONFIGURED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
