package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.gateway.auth.ApiKeyDirectory;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import jakarta.inject.Inject;

/**
 * Guessing API keys: wrong keys from one client address are answered 401 up to the limit, then 429 with Retry-After
 * for the rest of the window (counted in Redis). A valid key is never refused for its address's record: behind an
 * ingress every customer shares the proxy's address, so the client address is read from X-Forwarded-For, but only
 * when the TCP peer is a trusted proxy (here 127.0.0.1; 127.0.0.2 plays an untrusted peer).
 */
@QuarkusTest
@TestProfile(KeyGuessingTest.FewAttemptsBehindAProxy.class)
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class KeyGuessingTest {

    static final int LIMIT = 5;

    public static class FewAttemptsBehindAProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokensniped.key-guessing.max-failures", String.valueOf(LIMIT), "tokensniped.key-guessing.window",
                    "10M",
                    "tokensniped.trusted-proxies", "127.0.0.1/32");
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
    @TestHTTPResource("/")
    java.net.URL gateway;

    static String wrongKey() {
        return "sk_live_" + UUID.randomUUID().toString().replace("-", "") + "guess";
    }

    /** A key the gateway has learnt; waiting on the directory itself, since probing with it early would count as guesses. */
    String knownKey() throws Exception {
        String key = AnnouncedKeys.announce(kafka, json, ApiKeyMode.TEST, true, 1000, 10_000);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (directory.find(ApiKeyHash.of(key)).isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the key never reached the gateway");
            Thread.sleep(20);
        }
        return key;
    }

    /** Redis is shared by the whole run: other tests' wrong keys from these addresses count in the same window. */
    void forget(String... addresses) {
        for (String address : addresses) {
            redis.key().del("kg:" + address);
        }
    }

    static RequestSpecification from(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor);
    }

    @Test
    void pastTheLimitWrongKeysAre429ButAValidKeyFromThatAddressIsStillAccepted() throws Exception {
        forget("127.0.0.1");
        String good = knownKey();
        for (int i = 0; i < LIMIT; i++) {
            given().header("x-api-key", wrongKey()).get("/api/solve/history").then().statusCode(401)
                    .body("error.code", equalTo("UNAUTHORIZED"));
        }
        given().header("x-api-key", wrongKey()).get("/api/solve/history").then().statusCode(429)
                .body("error.code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue())
                .body("error.message", equalTo("too many failed API-key attempts from this address"));
        // Accepted: the route answers (history is not running in this test, so 503), never 401 or 429.
        for (int i = 0; i < 3; i++) {
            given().header("x-api-key", good).get("/api/solve/" + UUID.randomUUID()).then()
                    .statusCode(not(anyOf(equalTo(401), equalTo(429))));
        }
        // Sessions and unauthenticated routes are not API-key requests: they still pass.
        given().get("/api/health").then().statusCode(not(429));
    }

    @Test
    void behindATrustedProxyOneClientsHundredWrongKeysNeverLockOutAnother() throws Exception {
        String guesser = "198.51.100.1";
        String customer = "198.51.100.2";
        String proxy = "127.0.0.1";
        // Other classes' wrong keys from 127.0.0.1 (no trusted proxy there) may still be in the window.
        forget(guesser, customer, proxy);
        String good = knownKey();
        for (int i = 0; i < 100; i++) {
            int status = from(guesser).header("x-api-key", wrongKey()).get("/api/solve/history").statusCode();
            assertEquals(i < LIMIT ? 401 : 429, status, "wrong key " + (i + 1) + " from the guessing client");
            if (i % 10 == 9) {
                from(customer).header("x-api-key", good).get("/api/solve/" + UUID.randomUUID()).then()
                        .statusCode(not(anyOf(equalTo(401), equalTo(429))));
            }
        }
        // Even the guessing client's own valid key is accepted: only its wrong keys are refused.
        from(guesser).header("x-api-key", good).get("/api/solve/" + UUID.randomUUID()).then()
                .statusCode(not(anyOf(equalTo(401), equalTo(429))));
        // Counted up to the block; once blocked, further wrong keys are refused without counting.
        assertEquals(LIMIT + 1, failures(guesser));
        assertEquals(0, failures(customer), "the customer's address made no failed attempt");
        assertEquals(0, failures(proxy), "nothing is counted against the proxy itself");
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerIsCountedAgainstThePeer() throws Exception {
        forget("127.0.0.2", "203.0.113.9");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, statusFrom("127.0.0.2", "/api/solve/history", Map.of("x-api-key", wrongKey(),
                    "X-Forwarded-For", "203.0.113.9")));
        }
        assertEquals(3, failures("127.0.0.2"));
        assertEquals(0, failures("203.0.113.9"), "a header from an untrusted peer names nobody");
    }

    /** Failed attempts counted for an address in the current window (0 when none). */
    long failures(String address) {
        String counted = redis.value(String.class).get("kg:" + address);
        return counted == null ? 0 : Long.parseLong(counted);
    }

    /** One request over a connection bound to {@code localAddress}: another peer than the test's usual 127.0.0.1. */
    int statusFrom(String localAddress, String path, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.getPort()), 5000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
