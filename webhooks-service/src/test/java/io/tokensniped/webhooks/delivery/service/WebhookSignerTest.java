package io.tokensniped.webhooks.delivery.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

/** Signatures verify with the specification's library; during a rotation either secret verifies. */
@Tag("fast")
class WebhookSignerTest {

    static Map<String, List<String>> headers(String id, Instant at, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(at.getEpochSecond())),
                "webhook-signature", List.of(signature));
    }

    @Test
    void aSignatureVerifiesWithTheSecretAndNotWithAnother() {
        String secret = WebhookSigner.newSecret();
        Instant now = Instant.now();
        String payload = "{\"type\":\"solve.succeeded\",\"timestamp\":\"" + now + "\",\"data\":{}}";
        String signature = WebhookSigner.sign(List.of(secret), "msg_1", now, payload);
        assertTrue(signature.startsWith("v1,"));
        assertDoesNotThrow(() -> new Webhook(secret).verify(payload, headers("msg_1", now, signature)));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(WebhookSigner.newSecret()).verify(payload, headers("msg_1", now, signature)));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret).verify(payload + " ", headers("msg_1", now, signature)));
    }

    @Test
    void duringARotationBothSecretsVerify() {
        String current = WebhookSigner.newSecret();
        String previous = WebhookSigner.newSecret();
        Instant now = Instant.now();
        String signature = WebhookSigner.sign(List.of(current, previous), "msg_2", now, "{}");
        assertDoesNotThrow(() -> new Webhook(current).verify("{}", headers("msg_2", now, signature)));
        assertDoesNotThrow(() -> new Webhook(previous).verify("{}", headers("msg_2", now, signature)));
    }
}
