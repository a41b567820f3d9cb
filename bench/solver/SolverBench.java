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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Run by bench/solver/run.sh with the solver's own libraries (Playwright) on the class path:
 * java SolverBench.java GATEWAY LAB_URL SOLVER_PID KAFKA ROOT CHROMIUM. Live Turnstile solves of the lab's pass page
 * with a fresh account's key; RSS is the solver JVM plus its Chromium tree, as summed PSS (see treeRss).
 */
public class SolverBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String PASS = "0xLABpass00000000000000000000";
    static final int CONTEXTS = 4;

    public static void main(String[] args) throws Exception {
        String gw = args[0];
        String lab = args[1];
        long solverPid = Long.parseLong(args[2]);
        String page = lab + "/turnstile/page?sitekey=" + PASS;
        List<String> phases = List.of((args.length > 6 ? args[6] : "latency,misbehaving").split(","));
        if (!phases.contains("latency") && !phases.contains("sequential")) {
            misbehaving(gw, benchKey(gw), lab, solverPid);
            return;
        }

        double intrinsic = intrinsic(page, args[5]);
        System.out.printf("intrinsic challenge time (warm page, measured in the page): p50 %.0f ms%n", intrinsic);

        // Enough accounts that the solvers, not an account's share of them, bound the concurrent phases.
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2 * 2 * CONTEXTS / ACCOUNT_SHARE; i++) {
            keys.add(benchKey(gw));
        }
        String key = keys.get(0);
        Path solverLog = Path.of(args[4], "target/bench/run/logs/solver-service.log");
        List<Double> e2e = new ArrayList<>();
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        for (int i = 0; i < SEQUENTIAL; i++) {
            Instant sent = Instant.now();
            long t0 = System.nanoTime();
            String id = field(solve(gw, key, page), "id");
            Instant answered = Instant.now();
            e2e.add((System.nanoTime() - t0) / 1e6);
            // Where the time went: the gateway's admission time (the solve's createdAt), the solver's stage marks (its
            // log line for this solve), and the client's clock at each end; one machine, one clock.
            Instant admitted = Instant.parse(field(terminalStatus(gw, key, id), "createdAt"));
            Map<String, Long> marks = solverStages(solverLog, id);
            stages.computeIfAbsent("sent -> admitted", k -> new ArrayList<>()).add(Duration.between(sent, admitted).toNanos() / 1e6);
            long inSolver = 0;
            for (Map.Entry<String, Long> mark : marks.entrySet()) {
                stages.computeIfAbsent(mark.getKey(), k -> new ArrayList<>()).add(mark.getValue().doubleValue());
                inSolver += mark.getValue();
            }
            stages.computeIfAbsent("published -> answered", k -> new ArrayList<>())
                    .add(Duration.between(admitted.plusMillis(inSolver), answered).toNanos() / 1e6);
        }
        double p50 = pct(e2e, 50);
        System.out.printf("end-to-end through the gateway (%d sequential): p50 %.0f ms, p99 %.0f ms; goal p50 <= %.0f ms: %s%n",
                SEQUENTIAL, p50, pct(e2e, 99), 1.2 * intrinsic + 150, p50 <= 1.2 * intrinsic + 150 ? "met" : "NOT met");
        System.out.println("  stage                       p50 ms   p99 ms");
        stages.forEach((stage, ms) -> System.out.printf("  %-26s %7.0f  %7.0f%n", stage, pct(ms, 50), pct(ms, 99)));
        if (!phases.contains("latency")) {
            // "sequential": only the latency table, for a quick look at one change.
            return;
        }

        long idle = treeRss(solverPid);
        AtomicLong busyPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                busyPeak.accumulateAndGet(treeRss(solverPid), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        load(gw, keys, page, 100 - SEQUENTIAL, 2 * CONTEXTS);
        long rss100 = treeRss(solverPid);
        long cpuBefore = treeCpuTicks(solverPid);
        long t1 = System.nanoTime();
        double one = load(gw, keys, page, 900, 2 * CONTEXTS);
        double oneSeconds = (System.nanoTime() - t1) / 1e9;
        double oneCpu = (treeCpuTicks(solverPid) - cpuBefore) / CLOCK_TICKS;
        long rss1000 = treeRss(solverPid);
        sampler.interrupt();
        System.out.printf("RSS per busy context: %.0f MB (idle %d MB, peak with %d busy %d MB); goal <= 150 MB%n",
                (busyPeak.get() - idle) / 1024.0 / CONTEXTS, idle / 1024, CONTEXTS, busyPeak.get() / 1024);
        System.out.printf("RSS after 100 solves %d MB, after 1000 %d MB: ratio %.2f; goal <= 1.05: %s%n", rss100 / 1024,
                rss1000 / 1024, (double) rss1000 / rss100, rss1000 <= 1.05 * rss100 ? "met" : "NOT met");
        System.out.printf("cost: %.2f CPU-s per solve (solver JVM + Chromium, %d solves, %.0f s); goal <= 0.30: %s%n",
                oneCpu / 900, 900, oneSeconds, oneCpu / 900 <= 0.30 ? "met" : "NOT met");
        int longRun = Integer.getInteger("bench.long.solves", 0);
        if (longRun > 1000) {
            load(gw, keys, page, longRun - 1000, 2 * CONTEXTS);
            long rssLong = treeRss(solverPid);
            System.out.printf("RSS after %d solves %d MB: ratio to 100 %.2f; goal <= 1.05: %s%n", longRun, rssLong / 1024,
                    (double) rssLong / rss100, rssLong <= 1.05 * rss100 ? "met" : "NOT met");
        }

        if (phases.contains("misbehaving")) {
            misbehaving(gw, key, lab, solverPid);
        }

        Process second = startSecondSolver(solverPid, Path.of(args[4]));
        try {
            long cpuTwoBefore = treeCpuTicks(solverPid) + treeCpuTicks(second.pid());
            // The same offered load as the one-solver phase: the figure compared is per busy core, and twice the
            // requests on two cores queued past the requests' 60 s timeout (SOLVE_TIMEOUT) in the run of a50ca42.
            double two = load(gw, keys, page, 400, 2 * CONTEXTS);
            double twoCpu = (treeCpuTicks(solverPid) + treeCpuTicks(second.pid()) - cpuTwoBefore) / CLOCK_TICKS;
            double perCoreOne = 900 / oneCpu;
            double perCoreTwo = 400 / twoCpu;
            System.out.printf("throughput: one solver %.2f solves/s, two solvers %.2f solves/s (%.2fx; two cores bound both)%n",
                    one, two, two / one);
            System.out.printf("solves per busy core: one solver %.2f, two solvers %.2f: within %.0f %%; goal within 10 %%: %s%n",
                    perCoreOne, perCoreTwo, 100 * Math.abs(perCoreTwo - perCoreOne) / perCoreOne,
                    Math.abs(perCoreTwo - perCoreOne) <= 0.10 * perCoreOne ? "met" : "NOT met");
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    static final int SEQUENTIAL = 50;
    /** /proc's CPU times are in clock ticks (USER_HZ, 100 on Linux). */
    static final double CLOCK_TICKS = 100.0;
    static final Pattern STAGE_LINE = Pattern.compile("solve (\\S+) \\S+ (.*)$");
    static final Pattern STAGE = Pattern.compile("([a-z_]+)=(\\d+)");

    /**
     * The solver's stage marks for one solve, from its DEBUG line (io.tokensniped.solver.stages), as "from -> to" in
     * milliseconds. The line is written once the outcome is published, a moment after the answer may have left.
     */
    static Map<String, Long> solverStages(Path log, String solveId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf("solve " + solveId + " ");
                if (at < 0) {
                    continue;
                }
                Matcher m = STAGE_LINE.matcher(line.substring(at));
                if (m.find()) {
                    Map<String, Long> marks = new LinkedHashMap<>();
                    String previous = "admitted";
                    Matcher stage = STAGE.matcher(m.group(2));
                    while (stage.find()) {
                        String name = stage.group(1).replace('_', ' ');
                        marks.put(previous + " -> " + name, Long.parseLong(stage.group(2)));
                        previous = name;
                    }
                    return marks;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no stage line for solve " + solveId + " in " + log
                        + " (is TOKENSNIPED_SOLVER_STAGE_LOG_LEVEL=DEBUG set?)");
            }
            Thread.sleep(100);
        }
    }

    /** CPU time (ticks) of the process and its descendants, including children they have reaped (cutime, cstime). */
    static long treeCpuTicks(long pid) {
        return ProcessHandle.of(pid).map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants())
                .mapToLong(p -> cpuTicks(p.pid())).sum()).orElse(0L);
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command (which may hold spaces) start after its closing parenthesis: state is field 3.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The lab's pages that misbehave around a passing widget, and the answer each solve must end with. */
    static final Map<String, String> MISBEHAVING = new LinkedHashMap<>(Map.of("dialogs", "solved", "popups", "solved",
            "download", "solved", "beforeunload", "solved", "huge", "solved", "busy-loop", "SOLVE_TIMEOUT"));
    static final int MISBEHAVING_SOLVES = 200;
    /** What one account may have in flight: half of one solver's contexts (the default share). */
    static final int ACCOUNT_SHARE = CONTEXTS / 2;
    /** The shortest timeout the API accepts: what a page that never yields costs. */
    static final int BUSY_TIMEOUT_SECONDS = 5;

    /**
     * Issue 20: 200 solves of pages that misbehave (dialogs, popups, a download, beforeunload, a 50 MB page, a busy
     * script), an account's share of the contexts at a time; each must end with its expected outcome, and the solver's memory (JVM + Chromium
     * tree) after them is compared with before (after a first round that warms every page's path).
     */
    static void misbehaving(String gw, String key, String lab, long solverPid) throws Exception {
        List<String> shapes = new ArrayList<>(MISBEHAVING.keySet());
        runMisbehaving(gw, key, lab, shapes, shapes.size());
        long before = treeRss(solverPid);
        Map<String, Integer> wrong = runMisbehaving(gw, key, lab, shapes, MISBEHAVING_SOLVES);
        long after = treeRss(solverPid);
        System.out.printf("misbehaving pages: %d solves (%s), wrong outcomes: %s; RSS before %d MB, after %d MB: ratio %.2f;"
                + " goal <= 1.10: %s%n", MISBEHAVING_SOLVES, String.join(", ", shapes), wrong.isEmpty() ? "none" : wrong,
                before / 1024, after / 1024, (double) after / before, after <= 1.10 * before ? "met" : "NOT met");
    }

    static Map<String, Integer> runMisbehaving(String gw, String key, String lab, List<String> shapes, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ACCOUNT_SHARE);
        Map<String, Integer> wrong = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String shape = shapes.get(i % shapes.size());
            all.add(pool.submit(() -> {
                String url = lab + "/turnstile/shape/" + shape + "?sitekey=" + PASS + "&action=login&cdata=bench";
                int timeout = MISBEHAVING.get(shape).equals("solved") ? 60 : BUSY_TIMEOUT_SECONDS;
                HttpResponse<String> r;
                // An account may hold only its share of the solver's contexts: 429s are retried when told, as clients do.
                while ((r = send(gw, "POST", "/api/solve/turnstile", null, key, "{\"siteKey\":\"" + PASS + "\",\"pageUrl\":\""
                        + url + "\",\"timeout\":" + timeout + "}")).statusCode() == 429) {
                    Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1")));
                }
                String outcome = r.statusCode() == 200 ? "solved" : field(r.body(), "code");
                if (!MISBEHAVING.get(shape).equals(outcome)) {
                    wrong.merge(shape + " -> " + outcome, 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        return wrong;
    }

    /** The lab page in an already warm context, timed by the page itself: navigation start to token issued. */
    static double intrinsic(String url, String chromium) {
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(chromium)));
            BrowserContext context = browser.newContext();
            Page page = context.newPage();
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                page.navigate(url);
                page.waitForFunction("() => window.__labTiming");
                if (i > 0) {
                    times.add(((Number) page.evaluate("() => window.__labTiming.sincePageStartMs")).doubleValue());
                }
            }
            browser.close();
            return pct(times, 50);
        }
    }

    /**
     * Solves {@code count} with {@code concurrency} sync requests in flight, each worker with its account's key (an
     * account's share of the contexts per account); returns solves per second.
     */
    static double load(String gw, List<String> keys, String page, int count, int concurrency) throws Exception {
        // Daemon threads: a phase that fails ends the bench instead of leaving its workers solving.
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(count);
        long t0 = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            String key = keys.get((w / ACCOUNT_SHARE) % keys.size());
            all.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    solve(gw, key, page);
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        return count / ((System.nanoTime() - t0) / 1e9);
    }

    static String solve(String gw, String key, String page) throws Exception {
        HttpResponse<String> r;
        // Beyond the account's share of the contexts the gateway answers 429 with Retry-After: retried, as clients do.
        while ((r = send(gw, "POST", "/api/solve/turnstile", null, key,
                "{\"siteKey\":\"" + PASS + "\",\"pageUrl\":\"" + page + "\",\"timeout\":60}")).statusCode() == 429) {
            Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1")));
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("solve answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The solve's status once history has projected its outcome (it may trail the gateway's answer a little). */
    static String terminalStatus(String gw, String key, String id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            String status = send(gw, "GET", "/api/solve/" + id, null, key, null).body();
            if (status.contains("\"completedAt\"") || Instant.now().isAfter(deadline)) {
                return status;
            }
            Thread.sleep(20);
        }
    }

    static String benchKey(String gw) throws Exception {
        String email = "solver-bench-" + UUID.randomUUID() + "@example.test";
        String token = field(send(gw, "POST", "/api/auth/sign-up/email", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"bench password 1\",\"name\":\"Bench\"}").body(), "token");
        send(gw, "POST", "/api/billing/daily-claim", token, null, null);
        String key = field(send(gw, "POST", "/api/keys", token, null,
                "{\"name\":\"solver-bench\",\"rateLimitRpm\":10000,\"rateLimitRpd\":1000000}").body(), "key");
        Instant known = Instant.now().plusSeconds(15);
        while (send(gw, "POST", "/api/solve/turnstile", null, key, "{}").statusCode() != 400) {
            if (Instant.now().isAfter(known)) {
                throw new IllegalStateException("the bench key never reached the gateway");
            }
            Thread.sleep(50);
        }
        return key;
    }

    /** A second solver instance with the first one's environment (its broker, secrets, allowed origins), on a free port. */
    static Process startSecondSolver(long firstPid, Path root) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", root.resolve("solver-service/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("target/bench/solver-b.log").toFile());
        b.environment().clear();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc", String.valueOf(firstPid), "environ")),
                java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                b.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        b.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        b.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        b.environment().put("HOSTNAME", "solver-bench-b");
        Process p = b.start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    // Let the group rebalance so the second instance owns partitions before the timed run.
                    Thread.sleep(Duration.ofSeconds(15).toMillis());
                    return p;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the second solver never became ready");
    }

    /**
     * Resident memory (kB) of the process and its descendants, as the sum of their PSS (proportional set size: each
     * shared page divided among the processes sharing it), so Chromium's many processes sharing one binary and
     * libraries are not counted many times over; VmRSS where smaps_rollup is unreadable.
     */
    static long treeRss(long pid) {
        return ProcessHandle.of(pid).map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants())
                .mapToLong(p -> rss(p.pid())).sum()).orElse(0L);
    }

    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall back to VmRSS
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited meanwhile
        }
        return 0;
    }

    static HttpResponse<String> send(String gw, String method, String path, String token, String key, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw + path)).timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("x-api-key", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " missing in " + json);
        }
        return m.group(1);
    }

    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
