package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.tokensniped.events.Topics;
import io.tokensniped.lab.LabMode;
import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.localstack.infra.FreePorts;
import io.tokensniped.localstack.services.ServiceProcess;
import io.tokensniped.localstack.services.ServiceSpec;
import io.tokensniped.localstack.testing.TestKafka;
import io.tokensniped.system.Customers.Customer;

/**
 * Horizontal scaling and failover: a second solver instance joins the running system's consumer group, takes a
 * share of the solves, and is SIGKILLed (with its Chromium) in the middle of one. The job, never acknowledged, goes
 * to the surviving instance, which completes it; billing charges it once.
 */
@Order(5)
class SolverFailoverSystemTest {

    static final String SECOND = "solver-b";
    static final Duration OUTCOME = Duration.ofSeconds(120);
    static RunningSystem system;
    static Endpoints endpoints;
    static ServiceProcess second;

    @BeforeAll
    static void startSecondSolver() throws Exception {
        system = SharedSystem.get();
        endpoints = SharedSystem.endpoints();
        Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>(endpoints.asEnvironment());
        env.put("HOSTNAME", SECOND);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("TOKENSNIPED_SOLVER_CHROMIUM_PATH", System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        env.put("TOKENSNIPED_SOLVER_OPERATOR_ALLOWED_HOSTS", "127.0.0.1,localhost");
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        second = ServiceProcess.start(new ServiceSpec(SECOND, root.resolve("solver-service/target/quarkus-app/quarkus-run.jar"),
                FreePorts.pick(), env), Path.of("target", "system-run", "logs").toAbsolutePath(), "-Xmx256m");
        second.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopSecondSolver() {
        if (second != null) {
            second.close();
        }
    }

    /** The lab's slow Turnstile: a few seconds in flight, one credit, so the daily ten allow ten attempts. */
    String submitSlowSolve(Customer customer) {
        String body = "{\"siteKey\":\"" + LabMode.SLOW.siteKey() + "\",\"pageUrl\":\"" + system.labUrl
                + "/turnstile/page?sitekey=" + LabMode.SLOW.siteKey() + "\",\"timeout\":120}";
        return Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey()).queryParam("async", "true").body(body)
                .post("/api/solve/turnstile").then().statusCode(202).extract().path("id");
    }

    @Test
    void aSolveInFlightOnAKilledInstanceIsCompletedByAnotherAndChargedOnce() throws Exception {
        Customer customer = Customers.funded(system);
        try (TestKafka.Tail events = new TestKafka.Tail(endpoints.kafkaBootstrapServers(), Topics.SOLVE_EVENTS)) {
            // Solves are spread over partitions by id; submit until one lands on the second instance (each lands there
            // with even odds once the group has rebalanced).
            String onSecond = null;
            Instant deadline = Instant.now().plusSeconds(60);
            while (onSecond == null && Instant.now().isBefore(deadline)) {
                String id = submitSlowSolve(customer);
                Optional<?> started = events.await(v -> v.contains(id) && v.contains("SolveStarted"), Duration.ofSeconds(30));
                assertTrue(started.isPresent(), "solve " + id + " was never started");
                if (events.all(v -> v.contains(id) && v.contains("SolveStarted")).get(0).contains("\"" + SECOND + "\"")) {
                    onSecond = id;
                }
            }
            assertTrue(onSecond != null, "no solve landed on the second solver instance");
            String victim = onSecond;
            List<ProcessHandle> chromium = second.descendants();
            assertFalse(chromium.isEmpty(), "the second solver runs its own Chromium");
            assertTrue(events.all(v -> v.contains(victim) && (v.contains("SolveSucceeded") || v.contains("SolveFailed"))).isEmpty(),
                    "killed while the solve was still in flight");
            second.kill();
            assertTrue(chromium.stream().allMatch(SolverFailoverSystemTest::gone), "nothing of the killed instance is left: "
                    + chromium.stream().filter(p -> !gone(p)).map(p -> p.pid() + " " + p.info().command().orElse("?")).toList());

            events.await(v -> v.contains(victim) && v.contains("SolveSucceeded"), OUTCOME)
                    .orElseThrow(() -> new AssertionError("the survivor never completed " + victim));
            assertTrue(events.all(v -> v.contains(victim) && v.contains("SolveStarted")).stream()
                    .anyMatch(v -> !v.contains("\"" + SECOND + "\"")), "the surviving instance took the job over");
            Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey()).get("/api/solve/" + victim).then()
                    .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("solved"));
            Instant settleBy = Instant.now().plusSeconds(30);
            List<String> charges;
            do {
                charges = Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token())
                        .queryParam("type", "solve_charge").queryParam("limit", "100").get("/api/billing/transactions")
                        .then().statusCode(200).extract().jsonPath().getList("items.reference", String.class);
            } while (charges.stream().noneMatch(r -> r.contains(victim)) && Instant.now().isBefore(settleBy) && pause());
            assertEquals(1, charges.stream().filter(r -> r.contains(victim)).count(), "charged exactly once: " + charges);
        }
    }

    /**
     * Dead, or a zombie: killed and holding nothing but its process-table entry until whichever process inherited it
     * reaps it (here the sandbox's init; in the solver's container image, the init process it runs under).
     */
    static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }
}
