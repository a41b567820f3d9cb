package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.gateway.capacity.SolverCapacity;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/** Back-pressure: with no solver in the group, a solve is refused at once with 503 and Retry-After, and not queued. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class NoSolverTest {

    @Inject
    SolverCapacity capacity;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void noSolverAliveMeans503AtOnce() throws Exception {
        SolverStandIn.ensure(kafka, capacity, false);
        String key = AnnouncedKeys.announce(kafka, json, ApiKeyMode.LIVE, true, 60, 1000);
        UUID id = UUID.randomUUID();
        String body = "{\"siteKey\":\"k-" + id + "\",\"pageUrl\":\"https://shop.example/\"}";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        ExtractableResponse<Response> r;
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            do {
                long started = System.nanoTime();
                r = given().header("x-api-key", key).contentType(ContentType.JSON).body(body).post("/api/solve/turnstile")
                        .then().extract();
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                if (r.statusCode() != 401) {
                    assertTrue(tookMs < 5_000, "answered in " + tookMs + " ms");
                }
            } while (r.statusCode() == 401 && Instant.now().isBefore(deadline));
            assertEquals(503, r.statusCode(), r.body().asString());
            assertEquals("SOLVER_UNAVAILABLE", r.path("error.code"));
            assertNotNull(r.header("Retry-After"));
            assertEquals(0, requests.all(v -> v.contains("k-" + id)).size(), "a refused solve is not queued");
        }
    }
}
