package io.tokensniped.system;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.stripe.net.Webhook;

import io.restassured.RestAssured;
import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.localstack.infra.FreePorts;
import io.tokensniped.localstack.services.ServiceProcess;
import io.tokensniped.localstack.services.ServiceSpec;
import io.tokensniped.system.Customers.Customer;

/**
 * No secret has a usable fallback: a service started in the prod profile without its internal secret refuses to start
 * and names the variable; the placeholder values that used to be the fallbacks open nothing on the running system.
 */
@Order(2)
class SecureDefaultsSystemTest {

    static final String FORMER_INTERNAL_SECRET = "change-me-internal-secret";
    static final Duration REFUSAL = Duration.ofSeconds(90);
    static RunningSystem system;
    static Endpoints endpoints;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        endpoints = SharedSystem.endpoints();
    }

    @Test
    void aServiceWithoutItsInternalSecretRefusesToStartAndNamesTheVariable() throws Exception {
        Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
        for (String service : List.of("gateway", "keys", "billing", "history")) {
            Map<String, String> env = new HashMap<>(endpoints.asEnvironment());
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            ServiceProcess process = ServiceProcess.start(new ServiceSpec(service + "-service-without-secret",
                    root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar"), FreePorts.pick(), env),
                    Path.of("target", "system-run", "refusals").toAbsolutePath(), "-Xmx128m");
            try {
                Instant deadline = Instant.now().plus(REFUSAL);
                while (process.isAlive()) {
                    assertTrue(Instant.now().isBefore(deadline), service + " kept running without its internal secret");
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                String log = Files.readString(process.log());
                assertTrue(log.contains("TOKENSNIPED_INTERNAL_SECRET"),
                        service + " names the missing variable:\n" + process.tail());
                assertFalse(log.contains("Listening on"), service + " never served a request");
            } finally {
                process.close();
            }
        }
    }

    @Test
    void theFormerPlaceholderInternalSecretOpensNoService() throws Exception {
        Map<String, String> gateway = system.environmentOf("gateway-service");
        assertNotEquals(FORMER_INTERNAL_SECRET, gateway.get("TOKENSNIPED_INTERNAL_SECRET"));
        Map<String, String> routes = Map.of("KEYS", "/api/keys", "BILLING", "/api/billing/balance", "HISTORY",
                "/api/solve/history");
        routes.forEach((name, route) -> RestAssured.given().baseUri(gateway.get("TOKENSNIPED_SERVICES_" + name + "_URL"))
                .header("X-Internal-Secret", FORMER_INTERNAL_SECRET).header("X-Account-Id", UUID.randomUUID()).get(route)
                .then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED")));
    }

    @Test
    void aStripeEventSignedWithTheFormerPlaceholderCreditsNothing() throws Exception {
        Customer customer = Customers.funded(system);
        String payload = """
                {"id":"evt_forged","object":"event","api_version":"%s","created":%d,"type":"checkout.session.completed",
                 "livemode":false,"pending_webhooks":1,"data":{"object":{"id":"cs_test_forged%s","object":"checkout.session",
                 "mode":"payment","status":"complete","payment_status":"paid",
                 "metadata":{"accountId":"%s","packageId":"starter","credits":"1000"}}}}
                """.formatted(com.stripe.Stripe.API_VERSION, Instant.now().getEpochSecond(),
                UUID.randomUUID().toString().replace("-", ""),
                customer.accountId());
        long t = Webhook.Util.getTimeNow();
        String signature = "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256("whsec_unset", t + "." + payload);
        int status = Customers.gw(system.gatewayUrl).header("Stripe-Signature", signature).body(payload)
                .post("/api/billing/webhooks/stripe").statusCode();
        assertEquals(400, status, "refused: not signed with this run's webhook secret");
        Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey()).get("/api/billing/balance").then()
                .statusCode(200).body("credits", equalTo(10));
    }
}
