package io.tokensniped.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;

/** The solve streams over real HTTP: order, resumption without gaps or repeats, isolation, heartbeats. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class SolveStreamTest extends HistoryServiceTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    /** One SSE event as received, or a comment (heartbeat) when {@code comment} is set. */
    record Received(String id, String event, String data, String comment) {
    }

    /** An open stream read on its own thread; {@code end} is queued when the server closes it. */
    final class Stream implements AutoCloseable {

        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        final Thread reader;
        volatile java.util.stream.Stream<String> lines;
        static final Received END = new Received(null, null, null, "<end>");

        Stream(UUID account, String path, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("X-Internal-Secret", secret)
                    .header("X-Account-Id", account.toString()).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            lines = response.body();
            reader = new Thread(() -> {
                String id = null, event = null, data = null;
                try {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.isEmpty()) {
                            if (data != null) {
                                received.add(new Received(id, event, data, null));
                            }
                            id = event = data = null;
                        } else if (line.startsWith(":")) {
                            received.add(new Received(null, null, null, line.substring(1).trim()));
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            data = line.substring(5).trim();
                        }
                    }
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
                received.add(END);
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event (heartbeats skipped), or null at the end of the stream. */
        Received next() throws InterruptedException {
            Instant deadline = Instant.now().plus(EVENTUALLY);
            while (Instant.now().isBefore(deadline)) {
                Received r = received.poll(100, TimeUnit.MILLISECONDS);
                if (r == END) {
                    return null;
                }
                if (r != null && r.comment() == null) {
                    return r;
                }
            }
            throw new AssertionError("no event before the deadline");
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    void requested(UUID account, UUID solveId) throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, solveId.toString(), json.writeValueAsString(new SolveRequested(
                UUID.randomUUID(), at, solveId, account, UUID.randomUUID(), SolveType.TURNSTILE, false, 1, at.plusSeconds(60),
                SolveTarget.turnstile("https://shop.test/", "0xK", null, null), null)));
    }

    void started(UUID account, UUID solveId) throws Exception {
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solveId.toString(), json.writeValueAsString(
                new SolveStarted(UUID.randomUUID(), Instant.now(), solveId, account, "solver-t")));
    }

    void succeeded(UUID account, UUID solveId) throws Exception {
        Instant now = Instant.now();
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solveId.toString(), json.writeValueAsString(new SolveSucceeded(
                UUID.randomUUID(), now, solveId, account, SolveType.TURNSTILE, new Solution.Turnstile("tok", "UA"), 1, now,
                50)));
    }

    String status(Received r) throws Exception {
        JsonNode data = json.readTree(r.data());
        return data.path("status").asText();
    }

    @Test
    void aSolvesStreamShowsPendingProcessingSolvedInOrderThenCloses() throws Exception {
        UUID account = UUID.randomUUID();
        UUID solveId = UUID.randomUUID();
        requested(account, solveId);
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (io.restassured.RestAssured.given().header("X-Internal-Secret", secret).header("X-Account-Id", account)
                .get("/api/solve/" + solveId).statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "the solve never became visible");
            Thread.sleep(50);
        }
        try (Stream stream = new Stream(account, "api/solve/" + solveId + "/stream", null)) {
            Received pending = stream.next();
            assertEquals("status", pending.event());
            assertEquals("pending", status(pending));
            started(account, solveId);
            Received processing = stream.next();
            assertEquals("processing", status(processing));
            succeeded(account, solveId);
            Received solved = stream.next();
            assertEquals("solved", status(solved));
            assertEquals("tok", json.readTree(solved.data()).path("solution").path("token").asText());
            assertTrue(Long.parseLong(pending.id()) < Long.parseLong(processing.id())
                    && Long.parseLong(processing.id()) < Long.parseLong(solved.id()));
            assertNull(stream.next(), "the stream closes after the terminal state");
        }
        io.restassured.RestAssured.given().header("X-Internal-Secret", secret).header("X-Account-Id", UUID.randomUUID())
                .get("/api/solve/" + solveId + "/stream").then().statusCode(404);
    }

    /** The next event whose data satisfies the check, skipping intermediate ones. */
    JsonNode awaitData(Stream stream, java.util.function.Predicate<JsonNode> check) throws Exception {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (Instant.now().isBefore(deadline)) {
            Received r = stream.next();
            assertNotNull(r, "the stream ended");
            JsonNode data = json.readTree(r.data());
            if (check.test(data)) {
                return data;
            }
        }
        throw new AssertionError("no such event before the deadline");
    }

    @Test
    void theDashboardShowsTheFiguresAtOnceAndAgainWhenTheyChange() throws Exception {
        UUID account = UUID.randomUUID();
        UUID solveId = UUID.randomUUID();
        try (Stream dashboard = new Stream(account, "api/stream/dashboard", null)) {
            Received first = dashboard.next();
            assertEquals("dashboard", first.event());
            JsonNode empty = json.readTree(first.data());
            assertEquals(0, empty.path("balance").asLong());
            assertEquals(0, empty.path("solvesToday").asLong());
            assertEquals(0, empty.path("inFlight").asLong());
            assertTrue(empty.path("successRate24h").isNull() && empty.path("avgElapsedMs24h").isNull());

            TestKafka.publish(kafka, Topics.BILLING_EVENTS, account.toString(), json.writerFor(BillingEvent.class)
                    .writeValueAsString(
                            new BalanceChanged(UUID.randomUUID(), Instant.now(), account, 10, 0, 10, "daily_grant")));
            awaitData(dashboard, d -> d.path("balance").asLong() == 10);
            requested(account, solveId);
            awaitData(dashboard, d -> d.path("inFlight").asLong() == 1 && d.path("solvesToday").asLong() == 1);
            succeeded(account, solveId);
            JsonNode done = awaitData(dashboard, d -> d.path("inFlight").asLong() == 0 && !d.path("successRate24h").isNull());
            assertEquals(1.0, done.path("successRate24h").asDouble());
            assertEquals(50, done.path("avgElapsedMs24h").asLong());
            assertEquals(10, done.path("balance").asLong());
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyWhatItMissedAndOtherAccountsSeeNothing() throws Exception {
        UUID account = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String lastSeen;
        try (Stream stranger = new Stream(other, "api/stream/solves", null)) {
            try (Stream stream = new Stream(account, "api/stream/solves", null)) {
                requested(account, first);
                Received created = stream.next();
                assertEquals("solve", created.event());
                assertEquals(first.toString(), json.readTree(created.data()).path("id").asText());
                lastSeen = created.id();
            }
            // Missed while disconnected:
            started(account, first);
            requested(account, second);
            succeeded(account, first);
            Instant deadline = Instant.now().plus(EVENTUALLY);
            while (!"solved".equals(io.restassured.RestAssured.given().header("X-Internal-Secret", secret)
                    .header("X-Account-Id", account).get("/api/solve/" + first).then().extract().path("status"))) {
                assertTrue(Instant.now().isBefore(deadline));
                Thread.sleep(50);
            }
            try (Stream resumed = new Stream(account, "api/stream/solves", lastSeen)) {
                List<Received> missed = List.of(resumed.next(), resumed.next(), resumed.next());
                long previous = Long.parseLong(lastSeen);
                for (Received r : missed) {
                    assertEquals(previous + 1, Long.parseLong(r.id()), "ids follow without a gap");
                    previous = Long.parseLong(r.id());
                }
                assertEquals(3, missed.stream().map(Received::id).distinct().count());
                // And live events continue after the replay.
                started(account, second);
                Received live = resumed.next();
                assertEquals(second.toString(), json.readTree(live.data()).path("id").asText());
                assertEquals("processing", status(live));
                assertEquals(previous + 1, Long.parseLong(live.id()));
            }
            Received beat = null;
            Instant until = Instant.now().plus(EVENTUALLY);
            while (beat == null && Instant.now().isBefore(until)) {
                Received r = stranger.received.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    assertNotNull(r.comment(), "another account's stream received an event: " + r);
                    beat = r;
                }
            }
            assertNotNull(beat, "no heartbeat comment");
        }
    }
}
