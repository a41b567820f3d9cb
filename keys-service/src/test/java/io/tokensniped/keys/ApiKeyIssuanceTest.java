package io.tokensniped.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.keys.apikey.service.ApiKeyIssuer;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** A key is stored as hash and prefix only, and announced on keys.api-keys without the key. Real Postgres and Kafka. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class ApiKeyIssuanceTest {

    @Inject
    ApiKeyIssuer issuer;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void keyIsStoredAsHashAndPrefixAndPublishedWithoutTheKey() {
        UUID account = TestAccounts.create("Test");
        String fullKey = issuer.newSecret(ApiKeyMode.LIVE);
        assertTrue(fullKey.matches("sk_live_[0-9A-Za-z]{40}"), fullKey);
        try (TestKafka.Tail keys = new TestKafka.Tail(kafka, Topics.API_KEYS)) {
            issuer.register(account, "ci", fullKey, ApiKeyMode.LIVE, 60, 10_000);

            String secretPart = fullKey.substring("sk_live_".length());
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "select key_hash, key_prefix, cast(row_to_json(k) as text) from api_key k where account_id = :a")
                    .setParameter("a", account).getResultList());
            assertEquals(1, rows.size());
            assertEquals(ApiKeyHash.of(fullKey), rows.get(0)[0]);
            assertTrue(fullKey.startsWith((String) rows.get(0)[1]));
            assertFalse(((String) rows.get(0)[2]).contains(secretPart), "the stored row holds the key: " + rows.get(0)[2]);

            String event = keys.await(v -> v.contains(account.toString()), Duration.ofSeconds(20)).orElseThrow().value();
            assertTrue(event.contains("\"event\":\"ApiKeyCreated\""), event);
            assertTrue(event.contains(ApiKeyHash.of(fullKey)), event);
            assertFalse(event.contains(secretPart), "the event holds the key: " + event);
        }
    }

    @Test
    void secretsAreDistinctAndOfTheRequestedMode() {
        String a = issuer.newSecret(ApiKeyMode.TEST);
        String b = issuer.newSecret(ApiKeyMode.TEST);
        assertTrue(a.startsWith("sk_test_") && b.startsWith("sk_test_"));
        assertFalse(a.equals(b));
    }

    @Test
    void readinessReflectsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
