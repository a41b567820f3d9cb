package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.localstack.infra.FreePorts;
import io.tokensniped.localstack.services.ServiceProcess;
import io.tokensniped.localstack.services.ServiceSpec;

/**
 * Two history instances: a second one joins the running system's consumer group and takes a share of the partitions,
 * so each instance projects only some of the solve events. A client on either instance still sees every event of its
 * account, the same events with the same ids in the same order, and a client of another account sees none of them.
 */
@Order(6)
class HistoryScalingSystemTest {

    static final String PASS_SITE_KEY = "1x00000000000000000000AA";
    static final int SOLVES = 8;
    static final Duration EVENTUALLY = Duration.ofSeconds(60);
    static final Pattern ASSIGNED = Pattern.compile("(?m)^kafka_consumer_coordinator_assigned_partitions\\{[^}]*} ([0-9.]+)$");
    static RunningSystem system;
    static Endpoints endpoints;

    @BeforeAll
    static void system() throws Exception {
        system = SharedSystem.get();
        endpoints = SharedSystem.endpoints();
    }

    ServiceProcess startHistory(String secret) throws Exception {
        Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>(endpoints.asEnvironment());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("TOKENSNIPED_INTERNAL_SECRET", secret);
        ServiceProcess history = ServiceProcess.start(new ServiceSpec("history-service-2",
                root.resolve("history-service/target/quarkus-app/quarkus-run.jar"), FreePorts.pick(), env),
                Path.of("target", "system-run", "logs").toAbsolutePath(), "-Xmx256m");
        history.awaitReady(Duration.ofSeconds(120));
        return history;
    }

    /** Partitions of history's topics the instance's consumers hold now, from its Prometheus metrics. */
    static double assignedPartitions(ServiceProcess history) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(history.url() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        Matcher m = ASSIGNED.matcher(metrics.body());
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    static long solved(List<SseTail.Event> events, List<String> ids) {
        return ids.stream().filter(id -> events.stream().anyMatch(e -> e.data().contains("\"id\":\"" + id + "\"")
                && e.data().contains("\"status\":\"solved\""))).count();
    }

    @Test
    void aClientOnEitherInstanceSeesEveryEventOfItsAccountAndNoneOfAnother() throws Exception {
        String secret = UUID.randomUUID().toString();
        try (ServiceProcess second = startHistory(secret)) {
            Instant rebalanced = Instant.now().plus(EVENTUALLY);
            while (assignedPartitions(second) == 0) {
                assertTrue(Instant.now().isBefore(rebalanced), "the second instance never got a share of the partitions");
                Thread.sleep(200);
            }
            Customers.Customer account = Customers.withTestKey(system, "history");
            Customers.Customer stranger = Customers.withTestKey(system, "stranger");
            Map<String, String> onSecond = Map.of("X-Internal-Secret", secret, "X-Account-Id", account.accountId());
            try (SseTail viaGateway = new SseTail(system.gatewayUrl + "/api/stream/solves",
                    Map.of("x-api-key", account.apiKey()));
                    SseTail onSecondInstance = new SseTail(second.url() + "/api/stream/solves", onSecond);
                    SseTail strangerOnSecond = new SseTail(second.url() + "/api/stream/solves",
                            Map.of("X-Internal-Secret", secret, "X-Account-Id", stranger.accountId()))) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < SOLVES; i++) {
                    ids.add(Customers.gw(system.gatewayUrl).header("x-api-key", account.apiKey()).queryParam("async", "true")
                            .body("{\"siteKey\":\"" + PASS_SITE_KEY + "\",\"pageUrl\":\"https://shop.example/" + i + "\"}")
                            .post("/api/solve/turnstile").then().statusCode(202).extract().path("id"));
                }
                assertTrue(viaGateway.await(e -> solved(e, ids) == SOLVES, EVENTUALLY),
                        "through the gateway (first instance): " + viaGateway.events);
                assertTrue(
                        onSecondInstance.await(e -> solved(e, ids) == SOLVES && e.size() >= viaGateway.events.size(),
                                EVENTUALLY),
                        "on the second instance: " + onSecondInstance.events);
                assertEquals(viaGateway.events, onSecondInstance.events,
                        "both instances stream the same events, ids and order");
                for (String id : ids) {
                    List<String> statuses = viaGateway.events.stream().filter(e -> e.data().contains("\"id\":\"" + id + "\""))
                            .map(e -> e.data().replaceAll(".*\"status\":\"([a-z_]+)\".*", "$1")).toList();
                    assertEquals("solved", statuses.get(statuses.size() - 1), id + ": " + statuses);
                }
                assertTrue(strangerOnSecond.events.isEmpty(), "another account saw: " + strangerOnSecond.events);
            }
            assertTrue(second.stop(), "the second instance stops gracefully");
        }
    }
}
