package io.tokensniped.webhooks.delivery.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com), made by the specification's Java library: what a
 * receiver verifies with any of the specification's libraries. Secrets are {@code whsec_} and base64 of 32 random
 * bytes, as the specification recommends.
 */
public final class WebhookSigner {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The {@code webhook-signature} value: one {@code v1,<base64>} per secret, space-separated (during a rotation the
     * receiver accepts whichever secret it holds).
     */
    public static String sign(List<String> secrets, String messageId, Instant timestamp, String payload) {
        return secrets.stream().map(secret -> {
            try {
                return new Webhook(secret).sign(messageId, timestamp.getEpochSecond(), payload);
            } catch (WebhookSigningException e) {
                throw new IllegalStateException("could not sign a webhook", e);
            }
        }).collect(Collectors.joining(" "));
    }
}
