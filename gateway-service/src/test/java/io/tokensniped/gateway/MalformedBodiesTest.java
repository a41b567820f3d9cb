package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import jakarta.inject.Inject;

/**
 * Bodies that are JSON but not the request's shape, not JSON at all, or over the size limit, from an authenticated
 * (test-mode) key: the contract's error body every time, never the HTTP layer's bare one.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class MalformedBodiesTest {

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    String key;

    @BeforeEach
    void testKey() throws Exception {
        key = AnnouncedKeys.announce(kafka, json, ApiKeyMode.TEST, true, 10_000, 100_000);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (given().header("x-api-key", key).get("/api/solve/" + UUID.randomUUID()).statusCode() == 401) {
            assertTrue(Instant.now().isBefore(deadline), "the key never reached the gateway");
            Thread.sleep(20);
        }
    }

    RequestSpecification raw(String contentType, String body) {
        return given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs(contentType.split(";")[0], ContentType.BINARY)))
                .header("x-api-key", key).header("Content-Type", contentType).body(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"just a string\"", "[]", "42", "null", "{", "{\"siteKey\":[]}", "true", ""})
    void aBodyOfTheWrongShapeIsTheContracts400(String body) {
        raw("application/json", body).post("/api/solve/turnstile").then()
                .statusCode(400).body("error.code", equalTo("VALIDATION_ERROR")).body("requestId", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data", "application/xml", "application/json; charset=utf-7", "text/plain"})
    void aBodyThatIsNotJsonIsTheContracts400(String contentType) {
        raw(contentType, "siteKey=x").post("/api/solve/turnstile").then()
                .statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void aBodyOverTheLimitIs413WithTheContractsBody() {
        raw("application/json", "{\"siteKey\":\"" + "A".repeat(300 * 1024) + "\"}").post("/api/solve/turnstile")
                .then().statusCode(413).body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
