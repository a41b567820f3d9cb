package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.gateway.auth.ApiKeyDirectory;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import jakarta.inject.Inject;

/**
 * Guessing API keys: wrong keys from one address are answered 401 up to the limit, then 429 with Retry-After for
 * any key from that address, a good one included, while the window lasts (counted in Redis).
 */
@QuarkusTest
@TestProfile(KeyGuessingTest.FewAttempts.class)
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class KeyGuessingTest {

    static final int LIMIT = 5;

    public static class FewAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokensniped.key-guessing.max-failures", String.valueOf(LIMIT), "tokensniped.key-guessing.window", "10M");
        }
    }

    @Inject
    ObjectMapper json;
    @Inject
    ApiKeyDirectory directory;
    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void pastTheLimitAnAddressIsRefusedWhateverKeyItSends() throws Exception {
        // Redis is shared by the whole run, and other tests' wrong keys from this address count in the same window.
        redis.key().del("kg:127.0.0.1");
        String good = AnnouncedKeys.announce(kafka, json, ApiKeyMode.TEST, true, 1000, 10_000);
        // Waiting on the directory itself: probing with the key before it arrives would count as guesses.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (directory.find(ApiKeyHash.of(good)).isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the key never reached the gateway");
            Thread.sleep(20);
        }
        // Accepted (the route answers; history is not running in this test, so 503).
        given().header("x-api-key", good).get("/api/solve/" + UUID.randomUUID()).then()
                .statusCode(org.hamcrest.Matchers.not(org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(429))));

        for (int i = 0; i < LIMIT; i++) {
            given().header("x-api-key", "sk_live_" + UUID.randomUUID().toString().replace("-", "") + "guess").get("/api/solve/history")
                    .then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        }
        given().header("x-api-key", "sk_live_" + UUID.randomUUID().toString().replace("-", "") + "guess").get("/api/solve/history")
                .then().statusCode(429).body("error.code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue());
        // The good key too, from this address, until the window ends.
        given().header("x-api-key", good).get("/api/solve/" + UUID.randomUUID()).then().statusCode(429)
                .body("error.message", equalTo("too many failed API-key attempts from this address"));
        // Sessions and unauthenticated routes are not API-key requests: they still pass.
        given().get("/api/health").then().statusCode(org.hamcrest.Matchers.not(429));
    }
}
