package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.tokensniped.events.Topics;
import io.tokensniped.system.Customers.Customer;

/**
 * One account cannot starve the rest. Account A floods, at twice what its keys allow, test-mode solves (two test keys)
 * and live solves (beyond its share of the solvers), while account B submits live solves one after another: A is held
 * to its limits (429), B's solves are all admitted (200) and all reach B's history, test solves never enter the
 * solvers' queue, and history's lag on the test topics goes back to 0. Prints the timing goals (B's solves take no
 * longer than one solve beside A's capped share of the solver, measured before the flood in this run; they are in
 * B's history within 2 s of completing) with how fast A's test solves were admitted and history projected them.
 */
@Order(4)
class AccountIsolationSystemTest {

    /**
     * A's requests per second, open loop (evenly spaced): twice what its test keys' limits admit. Kept within what one
     * gateway on a 2-core machine that also runs the rest of the system answers; a flood beyond the gateway's own
     * capacity is a denial of service, met by the ingress's connection limits, not by per-account isolation.
     */
    static final int FLOOD_RATE = 20;
    static final int TEST_KEYS = 2;
    static final int TEST_KEY_RPM = 300;
    static final int B_SOLVES = 3;
    /** One solver of 4 contexts, an account's share 0.5 (the defaults): A holds at most 2 live solves in flight. */
    static final int ACCOUNT_CAP = 2;
    static final Duration HISTORY_WITHIN = Duration.ofSeconds(2);
    static final Duration LAG_DRAINS_WITHIN = Duration.ofSeconds(120);
    /** Twice what it takes at FLOOD_RATE to send the test keys' per-minute allowance (600 requests: 30 s). */
    static final Duration LIMITED_WITHIN = Duration.ofSeconds(2L * TEST_KEYS * TEST_KEY_RPM / FLOOD_RATE);
    static final String LAB_PASS = "0xLABpass00000000000000000000";
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    record Solve(String id, int status, long elapsedMs, Instant answeredAt, String body) {
    }

    static Solve liveSolve(Customer customer) {
        long begun = System.nanoTime();
        io.restassured.response.Response r = Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .body("{\"siteKey\":\"" + LAB_PASS + "\",\"pageUrl\":\"" + system.labUrl + "/turnstile/demo\"}")
                .post("/api/solve/turnstile");
        return new Solve(r.path("id"), r.statusCode(), (System.nanoTime() - begun) / 1_000_000, Instant.now(),
                r.statusCode() == 200 ? "" : r.body().asString());
    }

    /** How long after its answer the solve showed as solved in its owner's history. */
    static long msUntilInHistory(Customer customer, Solve solve) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        Map<String, Integer> seen = new java.util.TreeMap<>();
        while (Instant.now().isBefore(deadline)) {
            io.restassured.response.Response r = Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                    .get("/api/solve/" + solve.id());
            String status = r.statusCode() == 200 ? r.path("status") : null;
            if ("solved".equals(status)) {
                if (!seen.isEmpty()) {
                    System.out.printf("  before B's solve %s showed as solved its status answered %s%n", solve.id(), seen);
                }
                return Duration.between(solve.answeredAt(), Instant.now()).toMillis();
            }
            seen.merge(r.statusCode() + (status == null ? "" : " " + status), 1, Integer::sum);
            Thread.sleep(20);
        }
        return Long.MAX_VALUE;
    }

    /** Where a solve's time went, from its status: queued before a solver started it, solving, and the answer's delivery. */
    static String stages(Customer customer, Solve solve) {
        JsonPath status = Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .get("/api/solve/" + solve.id()).then().extract().jsonPath();
        Instant created = Instant.parse(status.getString("createdAt"));
        Instant started = status.getString("startedAt") == null ? null : Instant.parse(status.getString("startedAt"));
        Instant completed = status.getString("completedAt") == null ? null : Instant.parse(status.getString("completedAt"));
        if (started == null || completed == null) {
            return "[no stage times: " + status.getString("status") + "]";
        }
        return "[queued %d ms, solving %d ms, answered %d ms later]".formatted(Duration.between(created, started).toMillis(),
                Duration.between(started, completed).toMillis(), Duration.between(completed, solve.answeredAt()).toMillis());
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** History's unconsumed records on the given topics. */
    static long historyLag(Admin admin, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("history")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(end.getKey());
            lag += Math.max(0, end.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    static long endOffsets(Admin admin, String topic) throws Exception {
        return partitionEnds(admin, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void oneAccountsFloodOfTestAndLiveSolvesNeitherBlocksNorDelaysAnotherAccountsLiveSolves() throws Exception {
        Customer b = Customers.funded(system);
        List<Long> normal = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Solve solve = liveSolve(b);
            assertEquals(200, solve.status(), "B's solve before the flood");
            normal.add(solve.elapsedMs());
        }

        Customer a = Customers.funded(system);
        List<String> testKeys = new ArrayList<>();
        for (int i = 0; i < TEST_KEYS; i++) {
            testKeys.add(Customers.keyKnownEverywhere(system, a.token(),
                    "{\"name\":\"flood-" + i + "\",\"mode\":\"test\",\"rateLimitRpm\":" + TEST_KEY_RPM
                            + ",\"rateLimitRpd\":1000000}"));
        }
        String kafka = SharedSystem.endpoints().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            Map<TopicPartition, Long> liveQueueBefore = partitionEnds(admin, Topics.SOLVE_REQUESTS);
            long testQueueBefore = endOffsets(admin, Topics.SOLVE_TEST_REQUESTS);
            Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
            Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
            Collection<String> liveIds = ConcurrentHashMap.newKeySet();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            Instant floodStart = Instant.now();
            AtomicLong sent = new AtomicLong();
            pacer.scheduleAtFixedRate(() -> send(http, a, testKeys, sent.getAndIncrement(), answers, refusals,
                    liveIds), 0,
                    TimeUnit.SECONDS.toMicros(1) / FLOOD_RATE, TimeUnit.MICROSECONDS);
            List<Solve> during = new ArrayList<>();
            List<Long> inHistory = new ArrayList<>();
            try {
                // The flood first runs for a second at its rate, then B's solves go in beside it.
                Instant running = Instant.now().plusSeconds(10);
                while (sent.get() < FLOOD_RATE && Instant.now().isBefore(running)) {
                    Thread.sleep(10);
                }
                for (int i = 0; i < B_SOLVES; i++) {
                    Solve solve = liveSolve(b);
                    during.add(solve);
                    if (solve.status() == 200) {
                        // Right after its answer, while the flood goes on: how long until B sees it in its history.
                        inHistory.add(msUntilInHistory(b, solve));
                    }
                }
                // A floods at its limits: the flood lasts until A's keys have run out at least once (B's solves may
                // all end before A's per-minute allowance does).
                Instant limited = Instant.now().plus(LIMITED_WITHIN);
                while (!answers.containsKey(429) && Instant.now().isBefore(limited)) {
                    Thread.sleep(100);
                }
            } finally {
                pacer.shutdown();
                pacer.awaitTermination(10, TimeUnit.SECONDS);
            }
            Duration floodTime = Duration.between(floodStart, Instant.now());
            Instant floodEnd = Instant.now();
            long lagAtEnd = historyLag(admin, List.of(Topics.SOLVE_TEST_REQUESTS, Topics.SOLVE_TEST_EVENTS));

            List<String> stages = new ArrayList<>();
            for (Solve solve : during) {
                stages.add(solve.status() == 200 ? stages(b, solve) : "[" + solve.status() + " " + solve.body() + "]");
            }
            long testAdmitted = answers.getOrDefault(202, new AtomicLong()).get();
            Instant drainDeadline = Instant.now().plus(LAG_DRAINS_WITHIN);
            long lag;
            while ((lag = historyLag(admin, List.of(Topics.SOLVE_TEST_REQUESTS, Topics.SOLVE_TEST_EVENTS))) > 0
                    && Instant.now().isBefore(drainDeadline)) {
                Thread.sleep(100);
            }
            Duration drained = Duration.between(floodEnd, Instant.now());
            long testRecords = endOffsets(admin, Topics.SOLVE_TEST_REQUESTS) - testQueueBefore;
            Map<String, Boolean> liveQueue = liveQueueSince(kafka, liveQueueBefore,
                    partitionEnds(admin, Topics.SOLVE_REQUESTS));
            List<String> admittedLive = new ArrayList<>(liveIds);
            during.stream().filter(s -> s.status() == 200).forEach(s -> admittedLive.add(s.id()));
            // A solve whose admission ran out of time while its record was on its way is answered 503 and still
            // queued: it is solved, free (its hold was withdrawn), and shown in history. Counted apart.
            List<String> queuedUnanswered = liveQueue.keySet().stream().filter(id -> !admittedLive.contains(id)).toList();

            System.out.printf("%nAccount isolation: account A flooded for %.1f s at %d requests/s (%d test keys of %d/min)%n",
                    floodTime.toMillis() / 1000.0, FLOOD_RATE, TEST_KEYS, TEST_KEY_RPM);
            System.out.printf("  A's answers by status: %s%n", answers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
            System.out.printf("  A's refusals: %s%n", new java.util.TreeMap<>(refusals));
            System.out.printf(
                    "  test solves admitted: %d (%.0f/s); history's lag on the test topics at the flood's end %d records,"
                            + " 0 after %d ms; history projected %.0f records/s over the flood and its drain (3 records per solve)%n",
                    testAdmitted, testAdmitted * 1000.0 / floodTime.toMillis(), lagAtEnd, drained.toMillis(),
                    testAdmitted * 3 * 1000.0 / (floodTime.toMillis() + drained.toMillis()));
            System.out.printf("  the solvers' queue got %d live solves: %d admitted, %d answered 503 after their record was"
                    + " sent%n", liveQueue.size(), admittedLive.size(), queuedUnanswered.size());
            System.out.printf("  B's live solves: before the flood median %d ms; during it %s ms; in history %s ms after"
                    + " their answer%n", median(normal), during.stream().map(s -> String.valueOf(s.elapsedMs())).toList(),
                    inHistory);
            // Timing goals are printed, not asserted: on a shared 2-core machine the browsers, the broker, the databases
            // and every service share the cores, so how long things take says more about the machine than the design.
            // A's live solves are capped at its share of the solver's contexts; B's may take as long as one solve
            // beside that many others.
            long allowed = (1 + ACCOUNT_CAP) * median(normal) + 1500;
            boolean inTime = during.stream().allMatch(s -> s.elapsedMs() <= allowed);
            boolean promptly = inHistory.stream().allMatch(ms -> ms <= HISTORY_WITHIN.toMillis());
            System.out.printf("  B's live solves by stage (admitted -> a solver started it -> it ended -> answered): %s%n",
                    stages);
            System.out.printf("  goal: B's solves within %d ms (one solve beside A's %d): %s; in history within %d ms: %s%n",
                    allowed, ACCOUNT_CAP, inTime ? "MET" : "NOT MET", HISTORY_WITHIN.toMillis(), promptly ? "MET" : "NOT MET");

            for (Solve solve : during) {
                assertEquals(200, solve.status(), "B's live solve during the flood: " + solve);
            }
            assertTrue(testAdmitted > 0, "A's test solves were admitted");
            assertEquals(testAdmitted, testRecords, "every admitted test solve is on the test topic, once");
            assertTrue(answers.containsKey(429), "A was held to its limits");
            assertEquals(List.of(), liveQueue.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList(),
                    "no test solve entered the solvers' queue");
            assertEquals(List.of(), admittedLive.stream().filter(id -> !liveQueue.containsKey(id)).toList(),
                    "every admitted live solve (A's and B's) is on the solvers' queue");
            long liveUnavailable = refusals.entrySet().stream().filter(e -> e.getKey().startsWith("live 503"))
                    .mapToLong(e -> e.getValue().get()).sum();
            assertTrue(queuedUnanswered.size() <= liveUnavailable,
                    "a queued live solve nobody admitted is one whose admission was answered 503: " + queuedUnanswered);
            assertEquals(0, lag, "history's lag on the test topics is back to 0 within " + LAG_DRAINS_WITHIN);
            inHistory.forEach(ms -> assertTrue(ms != Long.MAX_VALUE, "each of B's solves reached its history"));
        }
    }

    static final int LIVE_ADMITTED = 1202;

    /** One request of A's flood: an async test solve on one of its test keys, and every 50th a live one. */
    static void send(HttpClient http, Customer a, List<String> testKeys, long n, Map<Integer, AtomicLong> answers,
            Map<String, AtomicLong> refusals, Collection<String> liveIds) {
        boolean liveOne = n % 50 == 0;
        String body = liveOne
                ? "{\"siteKey\":\"" + LAB_PASS + "\",\"pageUrl\":\"" + system.labUrl + "/turnstile/demo\"}"
                : "{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/flood\"}";
        String key = liveOne ? a.apiKey() : testKeys.get((int) (n % testKeys.size()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.gatewayUrl + "/api/solve/turnstile"))
                .header("x-api-key", key).header("Content-Type", "application/json").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            int status = error != null ? -1 : response.statusCode();
            answers.computeIfAbsent(liveOne && status == 202 ? LIVE_ADMITTED : status, s -> new AtomicLong()).incrementAndGet();
            if (liveOne && status == 202) {
                liveIds.add(JsonPath.from(response.body()).getString("id"));
            }
            if (status != 202) {
                String why = error != null ? error.toString() : refusal(response.body());
                refusals.computeIfAbsent((liveOne ? "live " : "test ") + status + " " + why, s -> new AtomicLong())
                        .incrementAndGet();
            }
        });
    }

    /** The contract's error code and message of a refusal. */
    static String refusal(String body) {
        try {
            JsonPath error = JsonPath.from(body);
            return error.getString("error.code") + " (" + error.getString("error.message") + ")";
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    /**
     * The records put on the solvers' queue since {@code from}: solve id -> whether it is a test solve. Read from the
     * broker itself, so the check covers every gateway instance.
     */
    static Map<String, Boolean> liveQueueSince(String kafka, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Map<String, Boolean> queued = new java.util.LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer",
                StringDeserializer.class.getName(), "enable.auto.commit", "false"))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Instant deadline = Instant.now().plusSeconds(30);
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))) {
                        JsonPath job = JsonPath.from(record.value());
                        queued.put(job.getString("solveId"), job.getBoolean("testMode"));
                    }
                }
            }
        }
        return queued;
    }

    static Map<TopicPartition, Long> partitionEnds(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, o) -> ends.put(tp, o.offset()));
        return ends;
    }
}
