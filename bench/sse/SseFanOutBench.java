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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by bench/sse/run.sh: java SseFanOutBench.java GATEWAY HISTORY_PID GATEWAY_PID EVENTS COUNT...
 * For each subscriber count, opens that many /api/stream/solves streams of one account through the gateway, then
 * submits EVENTS async test-mode solves 200 ms apart. Every stream event carries when its change was produced
 * (createdAt: admitted at the gateway; startedAt; completedAt): fan-out latency = received - produced, for every
 * subscriber and event. A test solve shows one to three visible changes (its events race through two topics), so
 * the count received is per event seen. Prints p50/p99 per count and history-service's RSS. Baseline: one subscriber.
 */
public class SseFanOutBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");
    static final java.util.Map<String, Pattern> TIMES = java.util.Map.of(
            "createdAt", Pattern.compile("\"createdAt\":\"([^\"]+)\""),
            "startedAt", Pattern.compile("\"startedAt\":\"([^\"]+)\""),
            "completedAt", Pattern.compile("\"completedAt\":\"([^\"]+)\""));

    /** When the change an event reports was produced: admission (pending), solver start (processing) or end. */
    static Instant produced(String data) {
        Matcher status = STATUS.matcher(data);
        String field = !status.find() ? "createdAt" : switch (status.group(1)) {
            case "pending" -> "createdAt";
            case "processing" -> "startedAt";
            default -> "completedAt";
        };
        Matcher at = TIMES.get(field).matcher(data);
        return at.find() ? Instant.parse(at.group(1)) : null;
    }

    public static void main(String[] args) throws Exception {
        String gw = args[0];
        long historyPid = Long.parseLong(args[1]);
        gatewayPid = Long.parseLong(args[2]);
        int events = Integer.parseInt(args[3]);
        String email = "sse-bench-" + UUID.randomUUID() + "@example.test";
        String token = field(send(gw, "POST", "/api/auth/sign-up/email", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"bench password 1\",\"name\":\"Bench\"}").body(), "token");
        String key = field(send(gw, "POST", "/api/keys", token, null,
                "{\"name\":\"sse\",\"mode\":\"test\",\"rateLimitRpm\":10000}").body(), "key");
        Instant known = Instant.now().plusSeconds(15);
        while (send(gw, "POST", "/api/solve/turnstile", null, key, "{}").statusCode() != 400) {
            if (Instant.now().isAfter(known)) {
                throw new IllegalStateException("the bench key never reached the gateway");
            }
            Thread.sleep(50);
        }
        System.out.printf("%-34s %8s %10s %10s %10s %12s%n", "subscribers (one history instance)", "events", "received",
                "p50 ms", "p99 ms", "history RSS");
        System.out.println("  (cores busy while events flowed: history / gateway / this bench / whole machine, of "
                + Runtime.getRuntime().availableProcessors() + ")");
        settle();
        // Unmeasured: the event path's code is compiled before the baseline is taken, as it is on a running system.
        run(gw, token, key, 1, WARMUP_EVENTS, historyPid, false);
        for (int i = 4; i < args.length; i++) {
            run(gw, token, key, Integer.parseInt(args[i]), events, historyPid, true);
        }
    }

    /** Solves sent, unmeasured, through one stream before the measured phases. */
    static final int WARMUP_EVENTS = Integer.getInteger("sse.warmup", 100);
    /** The machine counts as settled once it is busy less than this many cores over {@link #SETTLE_WINDOW}. */
    static final double SETTLED_CORES = Double.parseDouble(System.getProperty("sse.settled-cores", "0.6"));
    static final Duration SETTLE_WINDOW = Duration.ofSeconds(2);
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);

    /**
     * Waits until the freshly started system has stopped starting (class loading, compilation, Chromium launches)
     * so the phases measure the event path, not the start-up; prints how long it took and the level reached.
     */
    static void settle() throws Exception {
        Instant limit = Instant.now().plus(SETTLE_LIMIT);
        Instant began = Instant.now();
        double busy;
        do {
            long before = machineBusyTicks();
            Thread.sleep(SETTLE_WINDOW.toMillis());
            busy = (machineBusyTicks() - before) / TICKS / SETTLE_WINDOW.toSeconds();
        } while (busy >= SETTLED_CORES && Instant.now().isBefore(limit));
        System.out.printf("  (settled after %d s: the idle system keeps %.2f cores busy; then %d unmeasured solves)%n",
                Duration.between(began, Instant.now()).toSeconds(), busy, WARMUP_EVENTS);
    }

    static void run(String gw, String token, String key, int subscribers, int events, long historyPid, boolean report)
            throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        // Each subscriber's stream ids (the account's sequence): every id once, none missing between its first and last.
        List<java.util.Set<Long>> seen = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong duplicates = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean counting = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger open = new AtomicInteger();
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        List<Flow.Subscription> subscriptions = Collections.synchronizedList(new ArrayList<>());
        // The probing solve's id once known; the subscribers that have seen it end.
        java.util.concurrent.atomic.AtomicReference<String> probe = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.Set<Integer> probed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int s = 0; s < subscribers; s++) {
            int subscriber = s;
            java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            seen.add(ids);
            HttpRequest request = HttpRequest.newBuilder(URI.create(gw + "/api/stream/solves"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            streams.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriptions.add(subscription);
                    open.incrementAndGet();
                    subscription.request(Long.MAX_VALUE);
                }

                public void onNext(String line) {
                    if (line.startsWith("id:") && counting.get() && !ids.add(Long.parseLong(line.substring(3).trim()))) {
                        duplicates.incrementAndGet();
                    }
                    if (line.startsWith("data:")) {
                        // The clock is read before the line is parsed: the bench's own parsing is not the system's.
                        Instant received = Instant.now();
                        Instant at = produced(line);
                        if (at != null && counting.get()) {
                            latencies.add(Duration.between(at, received).toNanos() / 1e6);
                        }
                        String probing = probe.get();
                        if (probing != null && line.contains(probing) && line.contains("\"status\":\"solved\"")) {
                            probed.add(subscriber);
                        }
                    }
                }

                public void onError(Throwable throwable) {
                }

                public void onComplete() {
                }
            })));
        }
        Instant deadline = Instant.now().plusSeconds(120);
        while (open.get() < subscribers) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + open.get() + " of " + subscribers + " streams opened");
            }
            Thread.sleep(50);
        }
        // Streams are registered at history once their response started: probe with one solve, not counted, and
        // count from when every stream has seen it end (so none of its events can arrive while counting).
        probe.set(field(send(gw, "POST", "/api/solve/turnstile?async=true", null, key,
                "{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/warm\"}").body(), "id"));
        Instant warm = Instant.now().plusSeconds(60);
        while (probed.size() < subscribers) {
            if (Instant.now().isAfter(warm)) {
                throw new IllegalStateException("only " + probed.size() + " of " + subscribers + " streams saw the probe end");
            }
            Thread.sleep(20);
        }
        latencies.clear();
        counting.set(true);
        long[] before = {cpuTicks(historyPid), cpuTicks(gatewayPid), cpuTicks(ProcessHandle.current().pid()), machineBusyTicks()};
        long startedNanos = System.nanoTime();
        for (int e = 0; e < events; e++) {
            send(gw, "POST", "/api/solve/turnstile?async=true", null, key,
                    "{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/" + e + "\"}");
            Thread.sleep(200);
        }
        // Every solve ends as "solved": wait until each subscriber has seen at least one event per solve and the
        // count has stopped growing.
        long atLeast = (long) subscribers * events;
        Instant all = Instant.now().plusSeconds(60);
        int last = -1;
        while (Instant.now().isBefore(all) && (latencies.size() < atLeast || latencies.size() != last)) {
            last = latencies.size();
            Thread.sleep(1000);
        }
        long expected = atLeast;
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long[] after = {cpuTicks(historyPid), cpuTicks(gatewayPid), cpuTicks(ProcessHandle.current().pid()), machineBusyTicks()};
        String cores = String.format("%.2f / %.2f / %.2f / %.2f", (after[0] - before[0]) / TICKS / seconds,
                (after[1] - before[1]) / TICKS / seconds, (after[2] - before[2]) / TICKS / seconds,
                (after[3] - before[3]) / TICKS / seconds);
        if (!report) {
            counting.set(false);
            subscriptions.forEach(Flow.Subscription::cancel);
            streams.forEach(f -> f.cancel(true));
            return;
        }
        long rss = rssKb(historyPid);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%-34d %8d %10d %10.1f %10.1f %9d MB%n", subscribers, events, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), rss / 1024);
        System.out.println("  cores busy: " + cores);
        counting.set(false);
        // Skipped: ids another subscriber got, or inside this one's range, that this one did not.
        java.util.Set<Long> union = new java.util.HashSet<>();
        seen.forEach(union::addAll);
        long skipped = seen.stream().mapToLong(ids -> union.size() - ids.size()).sum();
        System.out.printf("  delivered twice: %d, skipped: %d (of %d stream ids per subscriber); goal 0 and 0: %s%n",
                duplicates.get(), skipped, union.size(), duplicates.get() == 0 && skipped == 0 ? "MET" : "NOT MET");
        if (subscribers == 1) {
            double p99 = percentile(sorted, 0.99);
            System.out.printf("goal: p99 <= 50 ms with 1 subscriber -> %.1f ms: %s%n", p99, p99 <= 50 ? "MET" : "NOT MET");
        }
        subscriptions.forEach(Flow.Subscription::cancel);
        streams.forEach(f -> f.cancel(true));
        if (subscribers >= 2000) {
            double p99 = percentile(sorted, 0.99);
            System.out.printf("goal: p99 <= 200 ms at 2000 subscribers -> %.1f ms: %s%n", p99,
                    p99 <= 200 && sorted.size() >= expected ? "MET" : "NOT MET");
        }
    }

    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
    static final double TICKS = 100.0;
    static long gatewayPid;

    /** User + system CPU ticks of a process so far. */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Busy CPU ticks of the whole machine so far: user, nice, system, irq, softirq, steal (guest is within user). */
    static long machineBusyTicks() throws Exception {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < cpu.length; i++) {
            if (i <= 3 || (i >= 6 && i <= 8)) {
                busy += Long.parseLong(cpu[i]);
            }
        }
        return busy;
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static HttpResponse<String> send(String gw, String method, String path, String token, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("x-api-key", key);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
