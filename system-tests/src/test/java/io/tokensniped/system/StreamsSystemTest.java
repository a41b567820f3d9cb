package io.tokensniped.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * Streams through the gateway: a test-mode solve that takes 3 s is streamed live, its first event arriving while it
 * is still running (nothing buffers), its last one the solved state, with history and status agreeing.
 */
@Order(4)
class StreamsSystemTest {

    static final String SLOW_SITE_KEY = "4x00000000000000000000SL";
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    @Test
    void aSolvesStreamThroughTheGatewayDeliversItsFirstEventBeforeTheSolveEnds() throws Exception {
        String email = "streams-" + UUID.randomUUID() + "@example.test";
        String token = given().baseUri(system.gatewayUrl).contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"correct horse 1\",\"name\":\"Sam\"}")
                .post("/api/auth/sign-up/email").then().statusCode(200).extract().path("token");
        String key = given().baseUri(system.gatewayUrl).contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body("{\"name\":\"stream\",\"mode\":\"test\"}").post("/api/keys").then().statusCode(201).extract().path("key");
        Instant known = Instant.now().plusSeconds(10);
        while (given().baseUri(system.gatewayUrl).header("x-api-key", key).contentType(ContentType.JSON).body("{}")
                .post("/api/solve/turnstile").statusCode() != 400) {
            assertTrue(Instant.now().isBefore(known), "the key never reached the gateway");
            Thread.sleep(50);
        }
        String id = given().baseUri(system.gatewayUrl).header("x-api-key", key).contentType(ContentType.JSON)
                .queryParam("async", "true")
                .body("{\"siteKey\":\"" + SLOW_SITE_KEY + "\",\"pageUrl\":\"https://shop.example/\"}")
                .post("/api/solve/turnstile").then().statusCode(202).extract().path("id");
        Instant visible = Instant.now().plusSeconds(10);
        while (given().baseUri(system.gatewayUrl).header("x-api-key", key).get("/api/solve/" + id).statusCode() != 200) {
            assertTrue(Instant.now().isBefore(visible), "the solve never reached history");
            Thread.sleep(20);
        }

        HttpRequest request = HttpRequest.newBuilder(URI.create(system.gatewayUrl + "/api/solve/" + id + "/stream"))
                .header("x-api-key", key).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> statuses = new ArrayList<>();
        boolean firstBeforeEnd = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    String status = line.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1");
                    if (statuses.isEmpty()) {
                        // The first event is here: is the solve still running at this moment?
                        firstBeforeEnd = !"solved".equals(given().baseUri(system.gatewayUrl).header("x-api-key", key)
                                .get("/api/solve/" + id).then().extract().path("status"));
                    }
                    statuses.add(status);
                }
            }
        }
        assertTrue(firstBeforeEnd, "the first event arrived only after the solve had ended: " + statuses);
        assertEquals("solved", statuses.get(statuses.size() - 1), statuses.toString());
        assertTrue(statuses.get(0).equals("pending") || statuses.get(0).equals("processing"), statuses.toString());
        given().baseUri(system.gatewayUrl).header("x-api-key", key).get("/api/solve/history").then().statusCode(200)
                .body("items[0].id", org.hamcrest.Matchers.equalTo(id));
    }
}
