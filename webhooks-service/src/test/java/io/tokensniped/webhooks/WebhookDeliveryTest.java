package io.tokensniped.webhooks;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.CreditsPurchased;
import io.tokensniped.events.keys.ApiKeyRevoked;
import io.tokensniped.events.solve.CallbackFormat;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.webhooks.delivery.service.WebhookSigner;
import io.tokensniped.webhooks.endpoint.WebhookEndpoint;
import jakarta.inject.Inject;

/**
 * Platform events from real Kafka reach customers' receivers signed per Standard Webhooks, verified by the
 * specification's npm library (a Node receiver); retried on failure, deduplicable by webhook-id, logged, resendable;
 * a receiver that keeps failing is disabled on schedule; a receiver that is not allowed is never contacted.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
@QuarkusTestResource(Receivers.class)
class WebhookDeliveryTest extends WebhooksServiceTest {

    @Inject
    AdjustableClock clock;

    final UUID account = UUID.randomUUID();

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Creates an endpoint at the Node receiver's {@code name} and gives the receiver its secret. */
    String nodeEndpoint(String name, int failFirst, String... types) throws Exception {
        String typeList = types.length == 0 ? "" : ",\"eventTypes\":[\"" + String.join("\",\"", types) + "\"]";
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created = asGateway(account)
                .body("{\"url\":\"" + Receivers.nodeUrl + "/hook/" + name + "\"" + typeList + "}")
                .post("/api/webhooks").then().statusCode(201).extract();
        String secret = created.path("secret");
        Receivers.configure(name, List.of(secret), failFirst);
        return created.path("id");
    }

    JsonNode received(String name) throws Exception {
        return json.readTree(Receivers.received(name));
    }

    SolveSucceeded succeeded(UUID solveId) {
        Instant now = Instant.now();
        return new SolveSucceeded(UUID.randomUUID(), now, solveId, account, SolveType.TURNSTILE,
                new Solution.Turnstile("tok-" + solveId, "UA"), 1, now.minusMillis(900), 900);
    }

    JsonNode deliveries(String endpointId) throws Exception {
        return json.readTree(asGateway(account).get("/api/webhooks/" + endpointId + "/deliveries").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void aVerifyingReceiverGetsSolveSucceededWithinOneSecondOfTheSolvesEnd() throws Exception {
        nodeEndpoint("fast", 0, "solve.succeeded");
        UUID warmUp = UUID.randomUUID();
        publish(Topics.SOLVE_EVENTS, warmUp, succeeded(warmUp));
        await("the first solve.succeeded verified", () -> count("fast") == 1);

        UUID solveId = UUID.randomUUID();
        long ended = System.currentTimeMillis();
        publish(Topics.SOLVE_EVENTS, solveId, succeeded(solveId));
        await("the second solve.succeeded verified", () -> count("fast") == 2);
        JsonNode second = received("fast").path("received").get(1);
        long latency = second.path("at").asLong() - ended;
        System.out.printf("webhook latency, solve end -> verified at the receiver: %d ms%n", latency);
        assertTrue(latency < 1000, "delivered " + latency + " ms after the solve ended");
        assertEquals("solve.succeeded", second.path("type").asText());
        assertEquals(solveId.toString(), second.path("data").path("solveId").asText());
        assertEquals("tok-" + solveId, second.path("data").path("solution").path("token").asText());
        assertEquals("solved", second.path("data").path("status").asText());
        assertTrue(second.path("id").asText().startsWith("msg_"));
    }

    @Test
    void aReceiverDownForThreeAttemptsThenUpGetsEachEventOnceWithOneId() throws Exception {
        String endpoint = nodeEndpoint("flaky", 3, "solve.failed");
        UUID solveId = UUID.randomUUID();
        Instant now = Instant.now();
        SolveFailed failed = new SolveFailed(UUID.randomUUID(), now, solveId, account, SolveType.GEETEST,
                SolveErrorCode.CHALLENGE_NOT_FOUND, "no widget", now.minusSeconds(2), 2000);
        publish(Topics.SOLVE_EVENTS, solveId, failed);
        publish(Topics.SOLVE_EVENTS, solveId, failed); // redelivered: still one event
        await("delivered after three failures", () -> count("flaky") == 1 && requests("flaky") == 4);
        JsonNode log = deliveries(endpoint);
        assertEquals(1, log.size(), "one delivery for one event");
        JsonNode delivery = log.get(0);
        assertEquals("delivered", delivery.path("status").asText());
        assertEquals(4, delivery.path("attempts").asInt());
        for (int i = 0; i < 3; i++) {
            assertEquals(503, delivery.path("attemptLog").get(i).path("responseCode").asInt());
            assertTrue(delivery.path("attemptLog").get(i).path("responseExcerpt").asText().contains("down"));
        }
        assertEquals(200, delivery.path("attemptLog").get(3).path("responseCode").asInt());
        assertTrue(delivery.path("attemptLog").get(3).path("latencyMs").asLong() >= 0);
        assertEquals(delivery.path("eventId").asText(), received("flaky").path("received").get(0).path("id").asText());
        assertEquals("CHALLENGE_NOT_FOUND", received("flaky").path("received").get(0).path("data").path("errorCode").asText());
        // A delivered event is not sent again.
        assertEquals(4, requests("flaky"));

        // A manual resend sends the same event (the same webhook-id: the receiver keeps it once).
        asGateway(account).post("/api/webhooks/" + endpoint + "/deliveries/" + delivery.path("id").asText() + "/resend")
                .then().statusCode(202).body("status", equalTo("pending"));
        await("resent", () -> requests("flaky") == 5);
        assertEquals(1, count("flaky"));
        await("the resend logged", () -> logged(endpoint) == 2);
    }

    @Test
    void aSolvesCallbackUrlGetsItsOutcomeSignedWithTheAccountsCallbackSecretLoggedAndResendable() throws Exception {
        // No endpoint wants solve outcomes: the callback is delivered all the same.
        nodeEndpoint("unrelated", 0, "credits.purchased");
        String secret = asGateway(account).get("/api/webhooks/callbacks/secret").then().statusCode(200)
                .extract().path("secret");
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(secret, asGateway(account).get("/api/webhooks/callbacks/secret").then().extract().path("secret"),
                "one secret per account until rotated");
        Receivers.configure("callback", List.of(secret), 1);
        UUID solveId = UUID.randomUUID();
        Instant now = Instant.now();
        String url = Receivers.nodeUrl + "/hook/callback";
        SolveFailed failed = new SolveFailed(UUID.randomUUID(), now, solveId, account, SolveType.TURNSTILE,
                SolveErrorCode.SOLVE_TIMEOUT, "no result", now.minusSeconds(5), 5000, url);
        publish(Topics.SOLVE_EVENTS, solveId, failed);
        publish(Topics.SOLVE_EVENTS, solveId, failed); // redelivered: still one callback
        await("the callback verified after one failed attempt", () -> count("callback") == 1 && requests("callback") == 2);
        JsonNode event = received("callback").path("received").get(0);
        assertEquals("solve.failed", event.path("type").asText());
        assertEquals(solveId.toString(), event.path("data").path("solveId").asText());
        assertEquals("SOLVE_TIMEOUT", event.path("data").path("errorCode").asText());

        JsonNode log = callbacks();
        assertEquals(1, log.size(), log.toString());
        assertEquals(url, log.get(0).path("url").asText());
        assertEquals("delivered", log.get(0).path("status").asText());
        assertEquals(2, log.get(0).path("attempts").asInt());
        assertEquals(503, log.get(0).path("attemptLog").get(0).path("responseCode").asInt());
        assertEquals(event.path("id").asText(), log.get(0).path("eventId").asText());
        assertEquals(0, asOtherAccount().size(), "another account sees none of it");

        asGateway(account).post("/api/webhooks/callbacks/deliveries/" + log.get(0).path("id").asText() + "/resend")
                .then().statusCode(202).body("url", equalTo(url));
        await("resent with the same id", () -> requests("callback") == 3);
        assertEquals(1, count("callback"));
        asGateway(UUID.randomUUID()).post("/api/webhooks/callbacks/deliveries/" + log.get(0).path("id").asText()
                + "/resend").then().statusCode(404);

        // A rotation: the new secret signs, the previous one beside it for the overlap.
        String rotated = asGateway(account).post("/api/webhooks/callbacks/rotate-secret").then().statusCode(200)
                .body("previousSecretExpiresAt", org.hamcrest.Matchers.notNullValue()).extract().path("secret");
        Receivers.configure("callback-rotated", List.of(rotated), 0);
        UUID next = UUID.randomUUID();
        SolveSucceeded solved = succeeded(next);
        publish(Topics.SOLVE_TEST_EVENTS, next, new SolveSucceeded(solved.eventId(), solved.occurredAt(), next, account,
                solved.type(), solved.solution(), 0, solved.startedAt(), solved.elapsedMs(),
                Receivers.nodeUrl + "/hook/callback-rotated"));
        await("verified with the new secret", () -> count("callback-rotated") == 1);
        assertTrue(received("callback-rotated").path("received").get(0).path("data").path("testMode").asBoolean());
    }

    @Test
    void aCreateTasksCallbackGetsTheGetTaskResultBodySignedAndEndpointsStillGetTheEvent() throws Exception {
        nodeEndpoint("task-endpoint", 0, "solve.succeeded", "solve.failed");
        String secret = asGateway(account).get("/api/webhooks/callbacks/secret").then().statusCode(200)
                .extract().path("secret");
        Receivers.configure("task-callback", List.of(secret), 0);
        String url = Receivers.nodeUrl + "/hook/task-callback";
        Instant requestedAt = Instant.parse("2026-11-28T14:15:20.500Z");
        Instant ended = Instant.parse("2026-11-28T14:15:22.123Z");

        UUID solved = UUID.randomUUID();
        SolveSucceeded success = new SolveSucceeded(UUID.randomUUID(), ended, solved, account, SolveType.GEETEST,
                new Solution.Geetest("c1", "lot", "out", "pass", "1700000000"), 2, requestedAt, 1623, url,
                CallbackFormat.taskProtocol("GEETEST", "203.0.113.7"), requestedAt);
        publish(Topics.SOLVE_EVENTS, solved, success);
        publish(Topics.SOLVE_EVENTS, solved, success); // redelivered: still one callback
        UUID failed = UUID.randomUUID();
        publish(Topics.SOLVE_EVENTS, failed, new SolveFailed(UUID.randomUUID(), ended, failed, account, SolveType.TURNSTILE,
                SolveErrorCode.INTERACTIVE_CHALLENGE, "the widget asked for a human", requestedAt, 1623, url,
                CallbackFormat.taskProtocol("TURNSTILE", "203.0.113.7"), requestedAt));
        await("both task bodies verified", () -> count("task-callback") == 2);
        await("both events at the endpoint", () -> count("task-endpoint") == 2);

        // The two solves travel on different partitions: they may arrive in either order.
        JsonNode got = received("task-callback").path("received");
        JsonNode successBody = byField(got, "body", "errorId", "0");
        JsonNode failureBody = byField(got, "body", "errorId", "1");
        assertEquals(json.readTree(
                """
                        {"errorId":0,"status":"ready",
                         "solution":{"captcha_id":"c1","lot_number":"lot","pass_token":"pass","gen_time":"1700000000","captcha_output":"out"},
                         "cost":"2","ip":"203.0.113.7","createTime":1795875320,"endTime":1795875322,"solveCount":1,
                         "solveId":"%s"}"""
                        .formatted(solved)),
                successBody.path("body"));
        assertEquals(json.readTree("""
                {"errorId":1,"errorCode":"ERROR_CAPTCHA_UNSOLVABLE","errorDescription":"the widget asked for a human"}"""),
                failureBody.path("body"));
        // The endpoint gets the webhook event, under its own webhook-id: two bodies, two ids.
        JsonNode event = byField(received("task-endpoint").path("received"), null, "type", "solve.succeeded");
        assertEquals(solved.toString(), event.path("data").path("solveId").asText());
        assertTrue(!event.path("id").asText().equals(successBody.path("id").asText()));
        JsonNode log = callbacks();
        assertEquals(2, log.size(), log.toString());
        assertEquals(List.of(url, url), List.of(log.get(0).path("url").asText(), log.get(1).path("url").asText()));
    }

    /** The delivery whose {@code within.field} (or {@code field}, with no {@code within}) has this value. */
    static JsonNode byField(JsonNode deliveries, String within, String field, String value) {
        for (JsonNode delivery : deliveries) {
            JsonNode holder = within == null ? delivery : delivery.path(within);
            if (value.equals(holder.path(field).asText())) {
                return delivery;
            }
        }
        throw new AssertionError("no delivery with " + field + " " + value + ": " + deliveries);
    }

    @Test
    void aCallbackUrlThatIsNotAllowedIsRefusedAtDeliveryAndNeverContacted() throws Exception {
        UUID solveId = UUID.randomUUID();
        SolveSucceeded solved = succeeded(solveId);
        publish(Topics.SOLVE_EVENTS, solveId, new SolveSucceeded(solved.eventId(), solved.occurredAt(), solveId, account,
                solved.type(), solved.solution(), 1, solved.startedAt(), solved.elapsedMs(),
                Receivers.forbidden.baseUrl() + "/callback"));
        await("the refusal logged", () -> {
            try {
                JsonNode log = callbacks();
                return log.size() == 1 && log.get(0).path("attemptLog").size() >= 1;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode attempt = callbacks().get(0).path("attemptLog").get(0);
        assertTrue(attempt.path("error").asText().startsWith("refused:"), attempt.toString());
        assertEquals(0, Receivers.forbiddenHits.get());
    }

    JsonNode callbacks() throws Exception {
        return json.readTree(asGateway(account).get("/api/webhooks/callbacks/deliveries").then().statusCode(200)
                .extract().asString());
    }

    JsonNode asOtherAccount() throws Exception {
        return json.readTree(asGateway(UUID.randomUUID()).get("/api/webhooks/callbacks/deliveries").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void aReceiverAnswering500ForeverIsDisabledAfterThreeDays() throws Exception {
        String endpoint = asGateway(account).body("{\"url\":\"" + Receivers.failing.baseUrl() + "/hook\","
                + "\"eventTypes\":[\"credits.purchased\"]}").post("/api/webhooks").then().statusCode(201).extract().path("id");
        publish(Topics.BILLING_EVENTS, account, new CreditsPurchased(UUID.randomUUID(), Instant.now(), account,
                UUID.randomUUID(), 100, 110, "stripe:cs_1", "stripe"));
        await("retried on schedule", () -> attempts(endpoint) >= 3);
        asGateway(account).get("/api/webhooks/" + endpoint).then().body("enabled", equalTo(true));
        JsonNode first = deliveries(endpoint).get(0);
        assertEquals("pending", first.path("status").asText());
        assertEquals(500, first.path("attemptLog").get(0).path("responseCode").asInt());
        assertTrue(first.path("attemptLog").get(0).path("responseExcerpt").asText().contains("receiver is broken"));

        clock.advance(Duration.ofDays(3).plusMinutes(1));
        await("disabled", () -> !asGateway(account).get("/api/webhooks/" + endpoint).then().extract().<Boolean>path("enabled"));
        asGateway(account).get("/api/webhooks/" + endpoint).then().body("disabledReason", containsString("HTTP 500"));
        int hits = Receivers.failingHits.get();
        // Disabled: nothing more is sent, even when due.
        clock.advance(Duration.ofDays(1));
        publish(Topics.BILLING_EVENTS, account, new CreditsPurchased(UUID.randomUUID(), Instant.now(), account,
                UUID.randomUUID(), 100, 210, "stripe:cs_2", "stripe"));
        UUID probe = UUID.randomUUID();
        nodeEndpoint("after-disable", 0, "solve.succeeded");
        publish(Topics.SOLVE_EVENTS, probe, succeeded(probe));
        await("later events still flow elsewhere", () -> count("after-disable") == 1);
        assertEquals(hits, Receivers.failingHits.get(), "a disabled endpoint is not called");
    }

    @Test
    void aReceiverOnANotAllowedAddressIsRefusedAtDeliveryAndNeverContacted() throws Exception {
        // Stored as if it had resolved publicly when created: the check at delivery still refuses it.
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookEndpoint endpoint = new WebhookEndpoint();
            endpoint.id = id;
            endpoint.accountId = account;
            endpoint.url = Receivers.forbidden.baseUrl() + "/hook";
            endpoint.eventTypes = "api_key.revoked";
            endpoint.enabled = true;
            endpoint.secret = WebhookSigner.newSecret();
            endpoint.createdAt = Instant.now();
            endpoint.updatedAt = endpoint.createdAt;
            endpoint.persist();
        });
        UUID keyId = UUID.randomUUID();
        publish(Topics.API_KEYS, keyId, new ApiKeyRevoked(UUID.randomUUID(), Instant.now(), keyId, account, "ab".repeat(32)));
        await("the refusal logged", () -> attempts(id.toString()) >= 1);
        JsonNode attempt = deliveries(id.toString()).get(0).path("attemptLog").get(0);
        assertTrue(attempt.path("error").asText().startsWith("refused:"), attempt.toString());
        assertTrue(attempt.path("responseCode").isMissingNode());
        assertEquals(0, Receivers.forbiddenHits.get());
    }

    @Test
    void balanceLowAtTheAccountsThresholdCreditsPurchasedAndApiKeyRevokedArriveVerified() throws Exception {
        nodeEndpoint("account-events", 0, "balance.low", "credits.purchased", "api_key.revoked");
        asGateway(account).body("{\"balanceLowThreshold\":50}").put("/api/webhooks/settings").then().statusCode(200);
        Instant now = Instant.now();
        publish(Topics.BILLING_EVENTS, account, new BalanceChanged(UUID.randomUUID(), now, account, 60, 0, 60, "purchase"));
        publish(Topics.BILLING_EVENTS, account, new BalanceChanged(UUID.randomUUID(), now, account, 40, 0, 40, "solve_charge"));
        publish(Topics.BILLING_EVENTS, account, new BalanceChanged(UUID.randomUUID(), now, account, 30, 0, 30, "solve_charge"));
        publish(Topics.BILLING_EVENTS, account, new CreditsPurchased(UUID.randomUUID(), now, account, UUID.randomUUID(),
                500, 530, "crypto:42", "crypto"));
        UUID keyId = UUID.randomUUID();
        publish(Topics.API_KEYS, keyId, new ApiKeyRevoked(UUID.randomUUID(), now, keyId, account, "cd".repeat(32)));
        await("three events", () -> count("account-events") == 3);
        List<String> types = new ArrayList<>();
        received("account-events").path("received").forEach(e -> types.add(e.path("type").asText()));
        assertTrue(types.containsAll(List.of("balance.low", "credits.purchased", "api_key.revoked")), types.toString());
        received("account-events").path("received").forEach(e -> {
            if (e.path("type").asText().equals("balance.low")) {
                assertEquals(40, e.path("data").path("credits").asLong());
                assertEquals(50, e.path("data").path("threshold").asLong());
            }
        });
    }

    @Test
    void aThousandEventsAreDeliveredNoneLost() throws Exception {
        nodeEndpoint("bulk", 0, "solve.succeeded");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                UUID solveId = UUID.randomUUID();
                sent.add(producer.send(new ProducerRecord<>(Topics.SOLVE_EVENTS, solveId.toString(),
                        json.writeValueAsString(succeeded(solveId)))));
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        await("1,000 verified deliveries", () -> count("bulk") == 1000);
        System.out.printf("1,000 webhooks delivered and verified in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    int count(String name) {
        try {
            return received(name).path("received").size();
        } catch (Exception e) {
            return -1;
        }
    }

    int requests(String name) {
        try {
            return received(name).path("requests").asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    int attempts(String endpointId) {
        try {
            JsonNode log = deliveries(endpointId);
            return log.size() == 0 ? 0 : log.get(log.size() - 1).path("attemptLog").size();
        } catch (Exception e) {
            return -1;
        }
    }

    int logged(String endpointId) {
        try {
            return deliveries(endpointId).size();
        } catch (Exception e) {
            return -1;
        }
    }
}
