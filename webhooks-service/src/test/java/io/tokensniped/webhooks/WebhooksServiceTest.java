package io.tokensniped.webhooks;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/** What webhooks-service's tests share: the broker, JSON, and calling the service as a gateway does for an account. */
abstract class WebhooksServiceTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "tokensniped.internal.secret")
    String secret;

    RequestSpecification asGateway(UUID accountId) {
        return given().header("X-Internal-Secret", secret).header("X-Account-Id", accountId.toString())
                .contentType(ContentType.JSON);
    }

    void publish(String topic, UUID key, Object event) throws Exception {
        TestKafka.publish(kafka, topic, key.toString(), json.writeValueAsString(event));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(50);
        }
    }
}
