package io.tokensniped.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.UpdateApiKeyRequest;
import io.tokensniped.keys.apikey.service.ApiKeyIssuer;
import io.tokensniped.keys.apikey.service.ApiKeyService;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * No dual write: a key change and its event are one transaction (the outbox row), so a rolled-back change is never
 * announced and a committed one always is, in order, once the relay has the broker's acknowledgement.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class KeyEventsOutboxTest {

    static final Duration RELAYED = Duration.ofSeconds(20);

    @Inject
    ApiKeyIssuer issuer;
    @Inject
    ApiKeyService keysService;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    long outboxRows(UUID account) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where payload like ?1").setParameter(1, "%" + account + "%")
                .getSingleResult()).longValue());
    }

    @Test
    void aRolledBackKeyIsNeverAnnouncedAndACommittedOneIsAnnouncedOnceMarkedPublished() {
        UUID rolledBack = TestAccounts.create("Outbox");
        UUID committed = TestAccounts.create("Outbox");
        try (TestKafka.Tail keys = new TestKafka.Tail(kafka, Topics.API_KEYS)) {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                issuer.register(rolledBack, "doomed", issuer.newSecret(ApiKeyMode.LIVE), ApiKeyMode.LIVE, 60, 1000);
                throw new IllegalStateException("the change fails after the key was written");
            }));
            assertEquals(0, outboxRows(rolledBack), "the event went with the rolled-back change");

            issuer.register(committed, "kept", issuer.newSecret(ApiKeyMode.LIVE), ApiKeyMode.LIVE, 60, 1000);
            keys.await(v -> v.contains(committed.toString()), RELAYED).orElseThrow();
            // Published in order: everything written before the committed key has been relayed by now.
            assertEquals(List.of(), keys.all(v -> v.contains(rolledBack.toString())));
            Instant deadline = Instant.now().plus(RELAYED);
            while (unpublished(committed) > 0) {
                assertTrue(Instant.now().isBefore(deadline), "the relay never marked the row published");
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void aKeysEventsReachItsCompactedTopicInTheOrderTheyWereMade() {
        UUID account = TestAccounts.create("Outbox");
        try (TestKafka.Tail keys = new TestKafka.Tail(kafka, Topics.API_KEYS)) {
            UUID keyId = issuer.register(account, "ordered", issuer.newSecret(ApiKeyMode.LIVE), ApiKeyMode.LIVE, 60, 1000)
                    .key().id;
            for (int rpm = 61; rpm <= 80; rpm++) {
                keysService.update(account, keyId, new UpdateApiKeyRequest(null, null, rpm, null));
            }
            keys.await(v -> v.contains(keyId.toString()) && v.contains("\"rateLimitRpm\":80"), RELAYED).orElseThrow();
            List<Integer> seen = keys.all(v -> v.contains(keyId.toString())).stream()
                    .map(v -> Integer.parseInt(v.replaceAll(".*\"rateLimitRpm\":(\\d+).*", "$1"))).toList();
            assertEquals(java.util.stream.IntStream.rangeClosed(60, 80).boxed().toList(), seen);
        }
    }

    long unpublished(UUID account) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where payload like ?1 and published_at is null")
                .setParameter(1, "%" + account + "%").getSingleResult()).longValue());
    }
}
