import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.tokensniped.events.Topics;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The gateway benchmark's load generator (bench/gateway/run.sh starts it pinned to one core, the system on the other).
 *
 * <p>Per phase: saturation throughput, closed loop (every connection sends its next request when the last one is
 * answered), then latency at half of that rate, open loop: arrivals evenly spaced at a fixed rate whatever the answers
 * do, each latency measured from the moment its request was due (corrected for coordinated omission), into an
 * HdrHistogram. Every non-2xx answer and every error is counted; a phase with any does not count. The CPU seconds of
 * every process of the system are read from /proc before and after each phase.
 *
 * <p>Usage: java -cp CP LoadGenerator.java GATEWAY "EMAIL / PASSWORD" LAB_URL KAFKA CONFIGURATION OUT_FILE [phases]
 */
public class LoadGenerator {

    static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 4));
    static final Duration SATURATION = Duration.ofSeconds(Long.getLong("bench.saturation", 8));
    static final Duration STEADY = Duration.ofSeconds(Long.getLong("bench.steady", 10));
    static final Duration JIT_ROUND = Duration.ofSeconds(2);
    static final double JIT_SETTLED = Double.parseDouble(System.getProperty("bench.jit.settled", "0.05"));
    static final Duration JIT_WARMUP_LIMIT = Duration.ofSeconds(Long.getLong("bench.jit.limit", 90));
    static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "0"));
    static final int TEST_KEYS = 20;
    static final int LIVE_ACCOUNTS = 40;
    static final int KEY_RPM = 10_000;
    static final int KEY_RPD = 1_000_000;
    static final String PASS_SITE_KEY = "1x00000000000000000000AA";
    static final String LAB_PASS_SITE_KEY = "0xLABpass00000000000000000000";
    static final double TEST_GOAL = Double.parseDouble(System.getProperty("bench.goal.test", "0.5"));
    static final double LIVE_GOAL = 0.25;
    static final double HEALTH_GOAL = 0.5;
    static final double P99_GOAL_MS = 5.0;
    static final long LAG_BACK_TO_ZERO_MS = 10_000;
    /** How long the lag is followed after a missed goal, to print when it drains. */
    static final long LAG_OBSERVE_MS = Long.getLong("bench.lag.observe", 120_000);

    record Target(HttpMethod method, String path, List<String> keys, String body, Map<String, String> headers) {
    }

    record Phase(String name, Target target) {
    }

    record Result(String phase, double saturation, long saturationErrors, double rate, Histogram latency, long errors,
            Map<String, Long> statuses, Map<String, Double> cpuSeconds, Map<String, Double> gatewayThreads, double seconds, String failures) {

        boolean counts() {
            return errors == 0 && saturationErrors == 0;
        }
    }

    static final HttpClient SETUP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String[] login = args[1].split(" / ");
        String labUrl = args[2];
        String kafka = args[3];
        String configuration = args[4];
        Path out = Path.of(args[5]);
        List<String> wanted = args.length > 6 ? List.of(args[6].split(",")) : List.of("bare", "health", "async-test", "sync-test", "async-live");

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        io.vertx.core.http.HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setIdleTimeout(0).setConnectTimeout(5000), new PoolOptions().setHttp1MaxSize(4 * CONNECTIONS));
        URI base = URI.create(gateway);

        String session = signIn(gateway, login[0], login[1]);
        List<String> testKeys = new ArrayList<>();
        for (int i = 0; i < TEST_KEYS; i++) {
            testKeys.add(createKey(gateway, session, "bench-test-" + i, "test"));
        }
        awaitAccepted(gateway, testKeys.get(TEST_KEYS - 1));

        List<Phase> phases = new ArrayList<>();
        String testBody = "{\"siteKey\":\"" + PASS_SITE_KEY + "\",\"pageUrl\":\"https://shop.example/login\"}";
        phases.add(new Phase("bare", new Target(HttpMethod.GET, "/api/bench/bare", List.of(), null, Map.of())));
        phases.add(new Phase("health", new Target(HttpMethod.GET, "/api/health", List.of(), null, Map.of())));
        phases.add(new Phase("async-test", new Target(HttpMethod.POST, "/api/solve/turnstile", testKeys, testBody,
                Map.of("Prefer", "respond-async"))));
        phases.add(new Phase("sync-test", new Target(HttpMethod.POST, "/api/solve/turnstile", testKeys, testBody, Map.of())));
        SolverStandIn standIn = null;
        if (wanted.contains("async-live")) {
            List<String> liveKeys = new ArrayList<>();
            for (int i = 0; i < LIVE_ACCOUNTS; i++) {
                liveKeys.add(fundedLiveKey(gateway, "bench-" + UUID.randomUUID() + "@bench.test"));
            }
            awaitAccepted(gateway, liveKeys.get(LIVE_ACCOUNTS - 1));
            standIn = SolverStandIn.start(kafka);
            String liveBody = "{\"siteKey\":\"" + LAB_PASS_SITE_KEY + "\",\"pageUrl\":\"" + labUrl + "/turnstile/demo\"}";
            phases.add(new Phase("async-live", new Target(HttpMethod.POST, "/api/solve/turnstile", liveKeys, liveBody,
                    Map.of("Prefer", "respond-async"))));
            standIn.awaitCapacityKnown(gateway, liveKeys.get(0), liveBody);
        }

        // Every path is warmed (JIT, connections, scripts, producers, topics) before any is measured, so the first phase
        // to touch Kafka or Redis does not pay for the others.
        for (Phase phase : phases) {
            if (wanted.contains(phase.name())) {
                closedLoop(http, base, phase.target(), WARMUP, new AtomicLong());
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (Phase phase : phases) {
            if (!wanted.contains(phase.name())) {
                continue;
            }
            System.out.printf("%n== %s: %s %s%n", phase.name(), phase.target().method(), phase.target().path());
            closedLoop(http, base, phase.target(), WARMUP, new AtomicLong());
            warmUntilCompiled(http, base, phase);
            Failures.drain();
            Map<String, Long> cpuBefore = ProcessCpu.sample();
            Map<String, Long> threadsBefore = GatewayThreads.sample();
            long cpuStart = System.nanoTime();
            Map<String, Long> statuses = new TreeMap<>();
            AtomicLong satErrors = new AtomicLong();
            double saturation = closedLoop(http, base, phase.target(), SATURATION, satErrors);
            // bench.rate (a diagnosis, not the bench's figure) measures latency at a rate of one's choosing, e.g. unloaded.
            double rate = RATE > 0 ? RATE : Math.max(1, saturation / 2);
            Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            long errors = openLoop(vertx, http, base, phase.target(), rate, STEADY, latency, statuses);
            double seconds = (System.nanoTime() - cpuStart) / 1e9;
            Map<String, Double> cpu = ProcessCpu.delta(cpuBefore, ProcessCpu.sample());
            Map<String, Double> threads = ProcessCpu.delta(threadsBefore, GatewayThreads.sample());
            String failures = Failures.drain();
            // The profile comes from a saturation run of its own, never from the measured one: starting and dumping
            // a JFR recording stalls the gateway (safepoints, class loading) and once cut this phase's figure by 6x.
            if (phase.name().equals(System.getProperty("bench.profile.phase"))) {
                JfrRecording jfr = JfrRecording.start(phase.name(), SATURATION);
                closedLoop(http, base, phase.target(), SATURATION, new AtomicLong());
                jfr.finish();
            }
            Result result = new Result(phase.name(), saturation, satErrors.get(), rate, latency, errors, statuses, cpu, threads,
                    seconds, failures);
            results.put(phase.name(), result);
            System.out.printf("saturation %.0f req/s (%d errors); at %.0f req/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d errors %s%n",
                    saturation, satErrors.get(), rate, ms(latency, 50), ms(latency, 99), ms(latency, 99.9), errors, statuses);
            if (!result.counts()) {
                System.out.println("what the failures said: " + result.failures());
            }
        }
        String lag = "";
        if (configuration.startsWith("whole")) {
            lag = ConsumerLag.awaitZero(kafka, LAG_BACK_TO_ZERO_MS);
        }
        if (standIn != null) {
            standIn.close();
        }
        String table = report(configuration, results, lag);
        System.out.println(table);
        Files.writeString(out, table);
        http.close();
        vertx.close();
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Closed loop: every connection sends its next request when the last one is answered; answers per second. */
    /**
     * Steady state, not warm-up, is what a phase measures: the load goes on in rounds until the JIT compiler threads of
     * the system's JVMs used less than {@link #JIT_SETTLED} of a core in the last round (or {@link #JIT_WARMUP_LIMIT}
     * passed, which is printed). On two cores a fixed few seconds left the compilers busy through the measurement: they
     * took a third of the gateway's CPU in the bare phase and most of billing's in the live one.
     */
    static void warmUntilCompiled(io.vertx.core.http.HttpClient http, URI base, Phase phase) throws InterruptedException {
        long start = System.nanoTime();
        double busy;
        Map<String, Double> byProcess;
        do {
            Map<String, Long> before = JitCpu.sample();
            long roundStart = System.nanoTime();
            closedLoop(http, base, phase.target(), JIT_ROUND, new AtomicLong());
            double roundSeconds = (System.nanoTime() - roundStart) / 1e9;
            byProcess = ProcessCpu.delta(before, JitCpu.sample());
            byProcess.replaceAll((process, seconds) -> seconds / roundSeconds);
            busy = byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        } while (busy >= JIT_SETTLED && System.nanoTime() - start < JIT_WARMUP_LIMIT.toNanos());
        StringBuilder shares = new StringBuilder();
        byProcess.forEach((process, share) -> shares.append(shares.length() == 0 ? "" : ", ").append(process).append(' ')
                .append(Math.round(share * 100)).append(" %"));
        System.out.printf("warmed %.0f s more until the JIT settled: its threads used %.0f %% of a core in the last round (%s)%s%n",
                (System.nanoTime() - start) / 1e9, busy * 100, shares, busy >= JIT_SETTLED ? " (NOT settled: limit reached)" : "");
    }

    static double closedLoop(io.vertx.core.http.HttpClient http, URI base, Target target, Duration length, AtomicLong errors)
            throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        long start = System.nanoTime();
        for (int c = 0; c < CONNECTIONS; c++) {
            loop(http, base, target, end, sent, ok, errors, done);
        }
        done.await(length.toSeconds() + 30, TimeUnit.SECONDS);
        return ok.get() / ((System.nanoTime() - start) / 1e9);
    }

    static void loop(io.vertx.core.http.HttpClient http, URI base, Target target, long end, AtomicLong sent, AtomicLong ok,
            AtomicLong errors, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        send(http, base, target, sent.getAndIncrement(), status -> {
            if (status >= 200 && status < 300) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            loop(http, base, target, end, sent, ok, errors, done);
        });
    }

    /**
     * Open loop: requests due every 1/rate s from the start, sent when due whatever earlier answers do (a 1 ms tick
     * sends every request that has come due); each latency counts from when its request was due.
     */
    static long openLoop(Vertx vertx, io.vertx.core.http.HttpClient http, URI base, Target target, double rate, Duration length,
            Histogram latency, Map<String, Long> statuses) throws InterruptedException {
        long total = (long) (rate * length.toSeconds());
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (next.get() < total && start + (long) (next.get() * interval) <= now) {
                long i = next.getAndIncrement();
                long due = start + (long) (i * interval);
                send(http, base, target, i, status -> {
                    latency.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                    counts.computeIfAbsent(status < 0 ? "error" : String.valueOf(status), s -> new AtomicLong()).incrementAndGet();
                    if (status < 200 || status >= 300) {
                        errors.incrementAndGet();
                    }
                    if (answered.incrementAndGet() == total) {
                        finished.countDown();
                    }
                });
            }
            if (next.get() >= total) {
                vertx.cancelTimer(timer);
            }
        });
        if (!finished.await(length.toSeconds() + 30, TimeUnit.SECONDS)) {
            errors.addAndGet(total - answered.get());
            counts.computeIfAbsent("unanswered", s -> new AtomicLong()).addAndGet(total - answered.get());
        }
        counts.forEach((k, v) -> statuses.put(k, v.get()));
        return errors.get();
    }

    interface Answer {
        void status(int status);
    }

    static void send(io.vertx.core.http.HttpClient http, URI base, Target target, long n, Answer answer) {
        RequestOptions options = new RequestOptions().setMethod(target.method()).setHost(base.getHost()).setPort(base.getPort())
                .setURI(target.path()).setTimeout(30_000);
        if (!target.keys().isEmpty()) {
            options.putHeader("x-api-key", target.keys().get((int) (n % target.keys().size())));
        }
        target.headers().forEach(options::putHeader);
        if (target.body() != null) {
            options.putHeader("Content-Type", "application/json");
        }
        http.request(options).compose(request -> target.body() == null ? request.send() : request.send(Buffer.buffer(target.body())))
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() >= 300) {
                        Failures.note(String.valueOf(response.statusCode()), body.toString());
                    }
                    return response.statusCode();
                }))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        Failures.note("error", String.valueOf(ar.cause()));
                    }
                    answer.status(ar.succeeded() ? ar.result() : -1);
                });
    }

    /**
     * What the failures of the current phase said: a count per status ("error" for a connection error or timeout) and
     * the first answer of each kind, so that a phase that does not count says why.
     */
    static final class Failures {
        static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
        static final Map<String, String> FIRST = new ConcurrentHashMap<>();

        static void note(String kind, String said) {
            COUNTS.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            FIRST.putIfAbsent(kind, said.length() > 300 ? said.substring(0, 300) : said);
        }

        /** The failures since the last call, as one line, and a fresh start. */
        static String drain() {
            StringBuilder s = new StringBuilder();
            new TreeMap<>(COUNTS).forEach((kind, count) -> s.append(s.length() == 0 ? "" : "; ").append(kind).append(" x")
                    .append(count.get()).append(": ").append(FIRST.get(kind)));
            COUNTS.clear();
            FIRST.clear();
            return s.toString();
        }
    }

    static String report(String configuration, Map<String, Result> results, String lag) {
        StringBuilder s = new StringBuilder();
        s.append("### ").append(configuration).append("\n\n");
        s.append("| phase | saturation req/s | × bare | rate for latency | p50 ms | p99 ms | p99.9 ms | errors / non-2xx | counts |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        Result bare = results.get("bare");
        for (Result r : results.values()) {
            double ratio = bare == null ? Double.NaN : r.saturation() / bare.saturation();
            s.append(String.format("| %s | %.0f | %.3f | %.0f | %.2f | %.2f | %.2f | %d | %s |%n", r.phase(), r.saturation(), ratio,
                    r.rate(), ms(r.latency(), 50), ms(r.latency(), 99), ms(r.latency(), 99.9), r.errors() + r.saturationErrors(),
                    r.counts() ? "yes" : "no"));
        }
        results.values().stream().filter(r -> !r.counts()).forEach(r -> s.append("\nWhat ").append(r.phase())
                .append("'s failures said (count and first answer of each kind): ").append(r.failures()).append("\n"));
        s.append("\nCPU seconds per process over each phase's measured part (saturation + latency run; % of one core):\n\n");
        List<String> processes = results.values().stream().flatMap(r -> r.cpuSeconds().keySet().stream()).distinct().sorted().toList();
        s.append("| phase | ").append(String.join(" | ", processes)).append(" |\n|---|");
        processes.forEach(p -> s.append("---|"));
        s.append("\n");
        for (Result r : results.values()) {
            s.append("| ").append(r.phase()).append(" |");
            for (String p : processes) {
                double cpu = r.cpuSeconds().getOrDefault(p, 0.0);
                s.append(String.format(" %.1f s (%.0f %%) |", cpu, 100 * cpu / r.seconds()));
            }
            s.append("\n");
        }
        s.append("\nThe gateway's CPU seconds by thread group over the same parts (JIT compiler threads included: a JFR flame"
                + " graph samples only Java code):\n\n");
        List<String> groups = results.values().stream().flatMap(r -> r.gatewayThreads().keySet().stream()).distinct().sorted().toList();
        s.append("| phase | ").append(String.join(" | ", groups)).append(" |\n|---|");
        groups.forEach(g -> s.append("---|"));
        s.append("\n");
        for (Result r : results.values()) {
            s.append("| ").append(r.phase()).append(" |");
            for (String g : groups) {
                s.append(String.format(" %.1f s |", r.gatewayThreads().getOrDefault(g, 0.0)));
            }
            s.append("\n");
        }
        s.append("\nGoals:\n\n");
        double testGoal = configuration.startsWith("whole") ? 0.1 : TEST_GOAL;
        goal(s, results, "health", "saturation ≥ 0.5 × bare", r -> bare != null && r.saturation() >= HEALTH_GOAL * bare.saturation());
        goal(s, results, "async-test", "saturation ≥ " + testGoal + " × bare", r -> bare != null && r.saturation() >= testGoal * bare.saturation());
        goal(s, results, "async-test", "p99 ≤ 5 ms at half saturation", r -> ms(r.latency(), 99) <= P99_GOAL_MS);
        if (!configuration.startsWith("whole")) {
            goal(s, results, "async-live", "saturation ≥ " + LIVE_GOAL + " × bare", r -> bare != null && r.saturation() >= LIVE_GOAL * bare.saturation());
            goal(s, results, "async-live", "p99 ≤ 5 ms at half saturation", r -> ms(r.latency(), 99) <= P99_GOAL_MS);
        }
        if (!lag.isEmpty()) {
            s.append("\n").append(lag).append("\n");
        }
        return s.toString();
    }

    static void goal(StringBuilder s, Map<String, Result> results, String phase, String what, java.util.function.Predicate<Result> met) {
        Result r = results.get(phase);
        String verdict = r == null ? "NOT RUN" : !r.counts() ? "NOT MET (errors)" : met.test(r) ? "MET" : "NOT MET";
        s.append("- ").append(phase).append(": ").append(what).append(": **").append(verdict).append("**\n");
    }

    // --- setup through the public API ---

    static String call(String method, String url, String body, String token, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        HttpResponse<String> r = SETUP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String signIn(String gateway, String email, String password) throws Exception {
        return field(call("POST", gateway + "/api/auth/sign-in/email", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                null, null), "token");
    }

    static String createKey(String gateway, String session, String name, String mode) throws Exception {
        return field(call("POST", gateway + "/api/keys", "{\"name\":\"" + name + "\",\"mode\":\"" + mode + "\",\"rateLimitRpm\":"
                + KEY_RPM + ",\"rateLimitRpd\":" + KEY_RPD + "}", session, null), "key");
    }

    /** A new account with its daily free credits claimed, and a live key of the highest limits. */
    static String fundedLiveKey(String gateway, String email) throws Exception {
        String password = "bench-" + UUID.randomUUID();
        call("POST", gateway + "/api/auth/sign-up/email", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"name\":\"bench\"}", null, null);
        String session = signIn(gateway, email, password);
        call("POST", gateway + "/api/billing/daily-claim", null, session, null);
        return createKey(gateway, session, "bench-live", "live");
    }

    static void awaitAccepted(String gateway, String key) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Void> r = SETUP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/solve/" + UUID.randomUUID()))
                    .header("x-api-key", key).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 401) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the bench key was never accepted");
    }

    /**
     * A member of the solvers' consumer group that ends every live solve at once (SolveFailed, never charged): live
     * admission can be measured without browsers, its holds are released and its in-flight slots freed as a real
     * solver's failures would.
     */
    static final class SolverStandIn implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private SolverStandIn(String kafka) {
            thread = new Thread(() -> run(kafka), "solver-stand-in");
            thread.setDaemon(true);
        }

        static SolverStandIn start(String kafka) {
            SolverStandIn s = new SolverStandIn(kafka);
            s.thread.start();
            return s;
        }

        private void run(String kafka) {
            Properties c = new Properties();
            c.put("bootstrap.servers", kafka);
            c.put("group.id", "solver");
            c.put("auto.offset.reset", "latest");
            // The gateway reads the queue's depth as this group's committed lag: committing only every 5 s (the default)
            // showed up to 5 s of admissions as waiting and filled the queue (503 "the solve queue is full"), which a
            // solver that commits each batch as it takes it never does.
            c.put("enable.auto.commit", "false");
            c.put("key.deserializer", StringDeserializer.class.getName());
            c.put("value.deserializer", StringDeserializer.class.getName());
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka);
            p.put("linger.ms", "5");
            p.put("key.serializer", StringSerializer.class.getName());
            p.put("value.serializer", StringSerializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c); KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                consumer.subscribe(List.of(Topics.SOLVE_REQUESTS));
                while (running.get()) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<String, String> record : records) {
                        SolveRequested job = JSON.readValue(record.value(), SolveRequested.class);
                        Instant now = Instant.now();
                        SolveEvent failed = new SolveFailed(UUID.randomUUID(), now, job.solveId(), job.accountId(), job.type(),
                                SolveErrorCode.SOLVER_UNAVAILABLE, "bench stand-in: no browser", now, 0);
                        producer.send(new ProducerRecord<>(Topics.SOLVE_EVENTS, job.solveId().toString(), JSON.writeValueAsString(failed)));
                    }
                    if (!records.isEmpty()) {
                        consumer.commitAsync();
                    }
                }
            } catch (Exception e) {
                System.err.println("solver stand-in stopped: " + e);
            }
        }

        /** The gateway reads solver capacity about once a second: wait until it admits a live solve. */
        void awaitCapacityKnown(String gateway, String key, String body) throws Exception {
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                HttpResponse<String> r = SETUP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/solve/turnstile"))
                        .header("x-api-key", key).header("Content-Type", "application/json").header("Prefer", "respond-async")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the gateway never admitted a live solve with the stand-in solver");
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    /** CPU seconds of every process of the system, grouped by what it is, from /proc (utime + stime). */
    static final class ProcessCpu {
        static final double TICKS = 100.0;
        /** How HotSpot names its C1 and C2 threads in /proc (the name is cut to 15 characters). */
        static final String JIT_THREAD = "CompilerThre";

        static Map<String, Long> sample() {
            Map<String, Long> ticks = new HashMap<>();
            systemProcesses().forEach((dir, name) -> {
                try {
                    ticks.merge(name, ticks(Files.readString(dir.resolve("stat"))), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // The process ended between listing and reading.
                }
            });
            return ticks;
        }

        /** The /proc directory of every process of the system (and of this load generator), with its name. */
        static Map<Path, String> systemProcesses() {
            Map<Path, String> processes = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : dirs.toList()) {
                    String pid = dir.getFileName().toString();
                    if (!pid.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String name = name(new String(Files.readAllBytes(dir.resolve("cmdline"))).replace('\0', ' '), pid);
                        if (name != null) {
                            processes.put(dir, name);
                        }
                    } catch (IOException gone) {
                        // The process ended between listing and reading.
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return processes;
        }

        /** utime + stime from a process's or thread's stat line. */
        static long ticks(String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        /** The thread (or process) name from a stat line. */
        static String comm(String stat) {
            return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        }

        static String name(String cmd, String pid) {
            if (pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
                return "load generator";
            }
            for (String service : List.of("gateway", "keys", "solver", "billing", "history")) {
                if (cmd.contains("/" + service + "-service/target/quarkus-app/quarkus-run.jar")) {
                    return service;
                }
            }
            if (cmd.contains("local-stack.jar")) {
                return "launcher (Kafka, lab)";
            }
            if (cmd.contains("postgres")) {
                return "postgres";
            }
            if (cmd.contains("redis-server")) {
                return "redis";
            }
            if (cmd.contains("chromium")) {
                return "chromium";
            }
            return null;
        }

        static Map<String, Double> delta(Map<String, Long> before, Map<String, Long> after) {
            Map<String, Double> seconds = new TreeMap<>();
            after.forEach((name, t) -> seconds.put(name, (t - before.getOrDefault(name, 0L)) / TICKS));
            return seconds;
        }
    }

    /** CPU ticks of the JIT compiler threads of each of the system's JVMs (named as {@link ProcessCpu} names them). */
    static final class JitCpu {
        static Map<String, Long> sample() {
            Map<String, Long> ticks = new HashMap<>();
            ProcessCpu.systemProcesses().forEach((dir, name) -> {
                if (name.equals("load generator")) {
                    return;
                }
                try (var tasks = Files.list(dir.resolve("task"))) {
                    for (Path task : tasks.toList()) {
                        String stat = Files.readString(task.resolve("stat"));
                        if (ProcessCpu.comm(stat).contains(ProcessCpu.JIT_THREAD)) {
                            ticks.merge(name, ProcessCpu.ticks(stat), Long::sum);
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // The process or thread ended between listing and reading.
                }
            });
            return ticks;
        }
    }

    /** CPU ticks of the gateway's threads (bench.gateway.pid), grouped by what they do, from /proc/PID/task. */
    static final class GatewayThreads {
        static Map<String, Long> sample() {
            Map<String, Long> ticks = new HashMap<>();
            String pid = System.getProperty("bench.gateway.pid");
            if (pid == null) {
                return ticks;
            }
            try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        ticks.merge(group(ProcessCpu.comm(stat)), ProcessCpu.ticks(stat), Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // The thread ended between listing and reading.
                    }
                }
            } catch (IOException gone) {
                // The gateway is not running.
            }
            return ticks;
        }

        static String group(String thread) {
            if (thread.contains(ProcessCpu.JIT_THREAD)) {
                return "JIT compiler";
            }
            if (thread.startsWith("GC") || thread.startsWith("G1")) {
                return "GC";
            }
            if (thread.startsWith("vert.x-eventloop")) {
                return "event loops";
            }
            if (thread.startsWith("kafka-producer")) {
                return "Kafka producer";
            }
            if (thread.startsWith("follow-") || thread.startsWith("smallrye-kafka") || thread.startsWith("kafka-coordinator")) {
                return "Kafka consumers";
            }
            if (thread.startsWith("executor-thread") || thread.startsWith("vert.x-worker")) {
                return "workers";
            }
            return "other";
        }
    }

    /** A JFR recording of the gateway during one phase's saturation run (jcmd), for bench/gateway/run.sh's flame graph. */
    static final class JfrRecording {
        final Path file;
        final Process started;

        private JfrRecording(Path file, Process started) {
            this.file = file;
            this.started = started;
        }

        static JfrRecording start(String phase, Duration length) throws Exception {
            String pid = System.getProperty("bench.gateway.pid");
            Path file = Path.of(System.getProperty("bench.results", "."), "gateway-" + phase + ".jfr").toAbsolutePath();
            Process p = new ProcessBuilder("jcmd", pid, "JFR.start", "name=bench", "settings=profile",
                    "duration=" + length.toSeconds() + "s", "filename=" + file).inheritIO().start();
            p.waitFor();
            return new JfrRecording(file, p);
        }

        void finish() throws Exception {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            System.out.println("JFR recording: " + file);
        }
    }

    /**
     * The consumers' lag on the solve topics after the load, until it is back to 0 or the deadline passes; when the
     * goal is missed, the lag is followed on (up to bench.lag.observe ms, per topic) to print how long it takes to drain.
     */
    static final class ConsumerLag {
        static String awaitZero(String kafka, long withinMillis) throws Exception {
            List<String> groups = List.of("history", "billing");
            List<String> topics = List.of(Topics.SOLVE_REQUESTS, Topics.SOLVE_EVENTS, Topics.SOLVE_TEST_REQUESTS, Topics.SOLVE_TEST_EVENTS);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
                long start = System.currentTimeMillis();
                Map<String, Long> atEnd = lag(admin, groups, topics);
                Map<String, Long> now = atEnd;
                while (total(now) > 0 && System.currentTimeMillis() - start < withinMillis) {
                    Thread.sleep(100);
                    now = lag(admin, groups, topics);
                }
                long took = System.currentTimeMillis() - start;
                boolean zero = total(now) == 0;
                String verdict = "Consumer lag at the load's end: " + atEnd + "; " + (zero ? "0 after " + took + " ms (goal ≤ 10 s): **MET**"
                        : "still " + now + " after " + took + " ms: **NOT MET**");
                if (zero) {
                    return verdict;
                }
                Map<String, Long> perTopic = lagByTopic(admin, topics);
                while (total(now) > 0 && System.currentTimeMillis() - start < LAG_OBSERVE_MS) {
                    Thread.sleep(500);
                    now = lag(admin, groups, topics);
                }
                long drained = System.currentTimeMillis() - start;
                return verdict + "\n\nhistory's lag by topic at " + took + " ms: " + perTopic + "; "
                        + (total(now) == 0 ? "back to 0 after " + drained + " ms"
                                : "still " + now + " after " + drained + " ms (bench.lag.observe)");
            }
        }

        static long total(Map<String, Long> lag) {
            return lag.values().stream().mapToLong(Long::longValue).sum();
        }

        static Map<String, Long> lagByTopic(Admin admin, Collection<String> topics) throws Exception {
            Map<String, Long> byTopic = new TreeMap<>();
            for (String topic : topics) {
                byTopic.put(topic, lag(admin, List.of("history"), List.of(topic)).get("history"));
            }
            return byTopic;
        }

        static Map<String, Long> lag(Admin admin, Collection<String> groups, Collection<String> topics) throws Exception {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get();
            Map<String, Long> lag = new TreeMap<>();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                long sum = 0;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    if (c != null) {
                        sum += Math.max(0, e.getValue().offset() - c.offset());
                    }
                }
                lag.put(group, sum);
            }
            return lag;
        }
    }
}
