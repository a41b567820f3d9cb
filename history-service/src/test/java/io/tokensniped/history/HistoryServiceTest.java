package io.tokensniped.history;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** What history-service's tests share: the broker, JSON, and calling the service as a gateway does for an account. */
abstract class HistoryServiceTest {

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;
    @ConfigProperty(name = "tokensniped.internal.secret")
    String secret;

    RequestSpecification asGateway(UUID accountId) {
        return given().header("X-Internal-Secret", secret).header("X-Account-Id", accountId.toString());
    }
}
