package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
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
 * Horizontal scaling, failover and drain: a further solver instance joins the running system's consumer group and
 * takes a share of the solves. SIGKILLed (with its Chromium) in the middle of one, the job, never acknowledged, goes
 * to the surviving instance, which completes it, charged once. Sent SIGTERM in the middle of one, it takes no new
 * job, finishes the one it has, and exits by itself.
 */
@Order(5)
class SolverFailoverSystemTest {

    static final Duration OUTCOME = Duration.ofSeconds(120);
    static final Duration LANDING = Duration.ofSeconds(60);
    static RunningSystem system;
    static Endpoints endpoints;
    final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void system() throws Exception {
        system = SharedSystem.get();
        endpoints = SharedSystem.endpoints();
    }

    @AfterEach
    void stopSolvers() {
        started.forEach(ServiceProcess::close);
    }

    ServiceProcess startSolver(String instance) throws Exception {
        Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>(endpoints.asEnvironment());
        env.put("HOSTNAME", instance);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("TOKENSNIPED_SOLVER_CHROMIUM_PATH", System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        env.put("TOKENSNIPED_SOLVER_OPERATOR_ALLOWED_ORIGINS", system.labUrl);
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        ServiceProcess solver = ServiceProcess.start(new ServiceSpec(instance,
                root.resolve("solver-service/target/quarkus-app/quarkus-run.jar"), FreePorts.pick(), env),
                Path.of("target", "system-run", "logs").toAbsolutePath(), "-Xmx256m");
        started.add(solver);
        solver.awaitReady(Duration.ofSeconds(120));
        return solver;
    }

    /** The lab's slow Turnstile: a few seconds in flight, one credit, so the daily ten allow ten attempts. */
    String submitSlowSolve(Customer customer) throws InterruptedException {
        String body = "{\"siteKey\":\"" + LabMode.SLOW.siteKey() + "\",\"pageUrl\":\"" + system.labUrl
                + "/turnstile/page?sitekey=" + LabMode.SLOW.siteKey() + "\",\"timeout\":120}";
        Instant deadline = Instant.now().plus(LANDING);
        while (true) {
            io.restassured.response.Response r = Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                    .queryParam("async", "true").body(body).post("/api/solve/turnstile");
            // 429: the account has its share of the solvers in flight (earlier attempts still solving); retry as told.
            if (r.statusCode() != 429 || Instant.now().isAfter(deadline)) {
                assertEquals(202, r.statusCode(), r.body().asString());
                return r.path("id");
            }
            Thread.sleep(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))).toMillis());
        }
    }

    /**
     * Submits slow solves until one is started by {@code instance} (solves spread over partitions by id, so each lands
     * there with even odds once the group has rebalanced); returns its id while it is still in flight.
     */
    String solveInFlightOn(String instance, Customer customer, TestKafka.Tail events) throws InterruptedException {
        Instant deadline = Instant.now().plus(LANDING);
        while (Instant.now().isBefore(deadline)) {
            String id = submitSlowSolve(customer);
            assertTrue(events.await(v -> v.contains(id) && v.contains("SolveStarted"), Duration.ofSeconds(30)).isPresent(),
                    "solve " + id + " was never started");
            if (startedBy(events, id).get(0).equals(instance)) {
                assertTrue(outcomes(events, id).isEmpty(), "caught while still in flight");
                return id;
            }
        }
        throw new AssertionError("no solve landed on " + instance);
    }

    static List<String> startedBy(TestKafka.Tail events, String id) {
        return events.all(v -> v.contains(id) && v.contains("SolveStarted")).stream()
                .map(v -> v.replaceAll(".*\"solverInstance\"\\s*:\\s*\"([^\"]+)\".*", "$1")).toList();
    }

    static List<String> outcomes(TestKafka.Tail events, String id) {
        return events.all(v -> v.contains(id) && (v.contains("SolveSucceeded") || v.contains("SolveFailed")));
    }

    void assertSolvedAndChargedOnce(Customer customer, String id) throws InterruptedException {
        Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey()).get("/api/solve/" + id).then()
                .statusCode(200).body("status", Matchers.equalTo("solved"));
        Instant settleBy = Instant.now().plusSeconds(30);
        List<String> charges;
        do {
            charges = Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token())
                    .queryParam("type", "solve_charge").queryParam("limit", "100").get("/api/billing/transactions")
                    .then().statusCode(200).extract().jsonPath().getList("items.reference", String.class);
        } while (charges.stream().noneMatch(r -> r.contains(id)) && Instant.now().isBefore(settleBy) && pause());
        assertEquals(1, charges.stream().filter(r -> r.contains(id)).count(), "charged exactly once: " + charges);
    }

    @Test
    void aSolveInFlightOnAKilledInstanceIsCompletedByAnotherAndChargedOnce() throws Exception {
        ServiceProcess victim = startSolver("solver-killed");
        Customer customer = Customers.funded(system);
        try (TestKafka.Tail events = new TestKafka.Tail(endpoints.kafkaBootstrapServers(), Topics.SOLVE_EVENTS)) {
            String id = solveInFlightOn("solver-killed", customer, events);
            List<ProcessHandle> chromium = victim.descendants();
            assertFalse(chromium.isEmpty(), "the instance runs its own Chromium");
            victim.kill();
            assertTrue(chromium.stream().allMatch(SolverFailoverSystemTest::gone), "nothing of the killed instance is left: "
                    + chromium.stream().filter(p -> !gone(p)).map(p -> p.pid() + " " + p.info().command().orElse("?"))
                            .toList());

            events.await(v -> v.contains(id) && v.contains("SolveSucceeded"), OUTCOME)
                    .orElseThrow(() -> new AssertionError("the survivor never completed " + id));
            assertTrue(startedBy(events, id).stream().anyMatch(i -> !i.equals("solver-killed")),
                    "the surviving instance took the job over: " + startedBy(events, id));
            assertSolvedAndChargedOnce(customer, id);
        }
    }

    @Test
    void onSigtermAnInstanceFinishesWhatItHasTakesNothingNewAndExits() throws Exception {
        ServiceProcess draining = startSolver("solver-drained");
        Customer customer = Customers.funded(system);
        try (TestKafka.Tail events = new TestKafka.Tail(endpoints.kafkaBootstrapServers(), Topics.SOLVE_EVENTS)) {
            String id = solveInFlightOn("solver-drained", customer, events);
            Instant stopAt = Instant.now();
            assertTrue(draining.stop(), "exited by itself within the grace period, nothing killed");
            List<String> outcome = outcomes(events, id);
            assertEquals(1, outcome.size(), "the job it had was finished before it exited: " + outcome);
            assertTrue(outcome.get(0).contains("SolveSucceeded"), outcome.get(0));
            assertEquals(List.of("solver-drained"), startedBy(events, id), "finished where it started, not redelivered");
            List<String> afterStop = events.all(v -> v.contains("SolveStarted") && v.contains("\"solver-drained\"")
                    && startedAfter(v, stopAt));
            assertEquals(List.of(), afterStop, "no job started after SIGTERM");
            assertSolvedAndChargedOnce(customer, id);
        }
    }

    static boolean startedAfter(String event, Instant instant) {
        String at = event.replaceAll(".*\"occurredAt\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return Instant.parse(at).isAfter(instant);
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
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }
}
