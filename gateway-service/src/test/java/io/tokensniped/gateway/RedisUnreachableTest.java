package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import jakarta.inject.Inject;

/**
 * With Redis unreachable, API-key requests cannot be metered: they are refused at once with the contract's 503 and
 * Retry-After, never admitted unmetered, never left hanging, never a 500.
 */
@QuarkusTest
@TestProfile(RedisUnreachableTest.NoRedis.class)
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class RedisUnreachableTest {

    public static class NoRedis implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens, connections are refused.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void apiKeyRequestsGet503QuicklyWhenRedisIsDown() throws Exception {
        String key = AnnouncedKeys.announce(kafka, json, ApiKeyMode.LIVE, true, 60, 1000);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        ExtractableResponse<Response> r;
        do {
            r = given().header("x-api-key", key).contentType(ContentType.JSON).body("{}").post("/api/solve/turnstile").then()
                    .extract();
        } while (r.statusCode() == 401 && Instant.now().isBefore(deadline));

        long started = System.nanoTime();
        r = given().header("x-api-key", key).contentType(ContentType.JSON).body("{}").post("/api/solve/turnstile").then()
                .extract();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(503, r.statusCode(), r.body().asString());
        assertEquals("SOLVER_UNAVAILABLE", r.path("error.code"));
        assertNotNull(r.header("Retry-After"));
        assertNotNull(r.path("requestId"));
        assertTrue(tookMs < 5_000, "answered in " + tookMs + " ms, not left hanging");
    }
}
