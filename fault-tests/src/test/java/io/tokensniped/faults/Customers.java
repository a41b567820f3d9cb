package io.tokensniped.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Customers made through the public API as anyone would: an account, its daily credits, a live key. */
final class Customers {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration KEY_KNOWN = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    record Customer(UUID accountId, String token, String apiKey) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    private final String gateway;

    Customers(String gateway) {
        this.gateway = gateway;
    }

    /** A new account with its daily free credits (10) and a live key allowed far more requests than it can pay for. */
    Customer funded() throws IOException, InterruptedException {
        Customer customer = signedUpWithKey();
        JsonNode claim = call("POST", "/api/billing/daily-claim", "Authorization", "Bearer " + customer.token(), null, 200);
        if (claim.path("credited").asInt() != 10) {
            throw new IllegalStateException("the daily claim gave " + claim);
        }
        awaitKeyKnown(customer.apiKey());
        return customer;
    }

    /** Sign-up and key creation only (what keys-service does alone); the key reaches the gateway through Kafka. */
    Customer signedUpWithKey() throws IOException, InterruptedException {
        String email = "faults-" + UUID.randomUUID() + "@example.test";
        JsonNode session = call("POST", "/api/auth/sign-up/email", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse 1\",\"name\":\"faults\"}", 200);
        String token = session.path("token").asText();
        String key = call("POST", "/api/keys", "Authorization", "Bearer " + token,
                "{\"name\":\"faults\",\"rateLimitRpm\":10000,\"rateLimitRpd\":1000000}", 201).path("key").asText();
        return new Customer(UUID.fromString(session.path("user").path("id").asText()), token, key);
    }

    /** A new account with a test-mode key (free, no browser) the gateway already knows. */
    Customer withTestKey() throws IOException, InterruptedException {
        String email = "faults-test-" + UUID.randomUUID() + "@example.test";
        JsonNode session = call("POST", "/api/auth/sign-up/email", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"correct horse 1\",\"name\":\"faults\"}", 200);
        String token = session.path("token").asText();
        String key = call("POST", "/api/keys", "Authorization", "Bearer " + token,
                "{\"name\":\"faults-test\",\"mode\":\"test\",\"rateLimitRpm\":10000,\"rateLimitRpd\":1000000}", 201)
                .path("key").asText();
        Customer customer = new Customer(UUID.fromString(session.path("user").path("id").asText()), token, key);
        awaitKeyKnown(key);
        return customer;
    }

    /** Creates a webhook endpoint with the customer's session; its answer, with the secret shown once. */
    JsonNode webhookEndpoint(Customer owner, String url, String eventType) throws IOException, InterruptedException {
        return call("POST", "/api/webhooks", "Authorization", "Bearer " + owner.token(),
                "{\"url\":\"" + url + "\",\"eventTypes\":[\"" + eventType + "\"]}", 201);
    }

    /** Waits until the gateway knows the key (an empty body is then 400, not 401). */
    void awaitKeyKnown(String apiKey) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(KEY_KNOWN);
        while (status("POST", "/api/solve/turnstile", "x-api-key", apiKey, "{}") != 400) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the gateway never learnt a key created " + KEY_KNOWN + " ago");
            }
            Thread.sleep(100);
        }
    }

    /** The solve's status as its owner sees it, or null while history does not know it yet. */
    String solveStatus(Customer owner, UUID solveId) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("GET", "/api/solve/" + solveId, "x-api-key", owner.apiKey(), null);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("status").asText() : null;
    }

    int status(String method, String path, String header, String value, String body) throws IOException, InterruptedException {
        return send(method, path, header, value, body).statusCode();
    }

    private JsonNode call(String method, String path, String header, String value, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = send(method, path, header, value, body);
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String header, String value, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
