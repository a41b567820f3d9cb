import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by bench/keys/run.sh against a running system with two gateways: java KeyPropagationBench.java TRIALS GW1 GW2.
 * Each trial creates a key, waits until every gateway accepts it, then revokes it (odd trials: DELETE; even trials:
 * PATCH isActive=false) and measures, per gateway, the time from the answer of that call to the first probe that is
 * refused. Probes run back to back on one connection per gateway.
 */
public class KeyPropagationBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration GIVE_UP = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        int trials = Integer.parseInt(args[0]);
        List<String> gateways = List.of(args).subList(1, args.length);
        String gw = gateways.get(0);
        String email = "bench-" + UUID.randomUUID() + "@example.test";
        String token = field(send(gw, "POST", "/api/auth/sign-up/email", null,
                "{\"email\":\"" + email + "\",\"password\":\"bench password 1\",\"name\":\"Bench\"}").body(), "token");

        Map<String, List<Double>> deleted = new ConcurrentHashMap<>();
        Map<String, List<Double>> deactivated = new ConcurrentHashMap<>();
        List<Double> baseline = Collections.synchronizedList(new ArrayList<>());
        for (int trial = 1; trial <= trials; trial++) {
            HttpResponse<String> created = send(gw, "POST", "/api/keys", token, "{\"name\":\"bench " + trial + "\",\"rateLimitRpm\":10000,\"rateLimitRpd\":1000000}");
            String key = field(created.body(), "key");
            String id = field(created.body(), "id");
            for (String g : gateways) {
                long t = System.nanoTime();
                while (probe(g, key) != 400) {
                    if (System.nanoTime() - t > GIVE_UP.toNanos()) {
                        throw new IllegalStateException("key never accepted at " + g);
                    }
                }
                long b = System.nanoTime();
                probe(g, key);
                baseline.add((System.nanoTime() - b) / 1e6);
            }
            boolean delete = trial % 2 == 1;
            if (delete) {
                send(gw, "DELETE", "/api/keys/" + id, token, null);
            } else {
                send(gw, "PATCH", "/api/keys/" + id, token, "{\"isActive\":false}");
            }
            long answered = System.nanoTime();
            List<CompletableFuture<Void>> watchers = new ArrayList<>();
            for (String g : gateways) {
                watchers.add(CompletableFuture.runAsync(() -> {
                    int expected = delete ? 401 : 403;
                    // A deleted key is a wrong key: once this address has sent enough of them (every trial's probes
                    // count) the gateway answers 429 instead of 401, which equally shows the key is refused there.
                    int status;
                    while ((status = probe(g, key)) != expected && !(delete && status == 429)) {
                        if (System.nanoTime() - answered > GIVE_UP.toNanos()) {
                            throw new IllegalStateException("change never reached " + g);
                        }
                    }
                    double ms = (System.nanoTime() - answered) / 1e6;
                    (delete ? deleted : deactivated).computeIfAbsent(g, x -> Collections.synchronizedList(new ArrayList<>())).add(ms);
                }));
            }
            CompletableFuture.allOf(watchers.toArray(CompletableFuture[]::new)).join();
            if (!delete) {
                send(gw, "DELETE", "/api/keys/" + id, token, null);
            }
        }

        System.out.printf("%nkey-change propagation, %d trials, %d gateway instances%n", trials, gateways.size());
        System.out.printf("%-26s %-28s %5s %8s %8s %8s %8s%n", "change", "gateway", "n", "p50 ms", "p90 ms", "p99 ms", "max ms");
        row("baseline: one probe RTT", "all", baseline);
        for (String g : gateways) {
            row("DELETE -> first 401", g, deleted.getOrDefault(g, List.of()));
            row("PATCH inactive -> 403", g, deactivated.getOrDefault(g, List.of()));
            List<Double> all = new ArrayList<>(deleted.getOrDefault(g, List.of()));
            all.addAll(deactivated.getOrDefault(g, List.of()));
            row("any change", g, all);
        }
        double worstP99 = gateways.stream().mapToDouble(g -> {
            List<Double> all = new ArrayList<>(deleted.getOrDefault(g, List.of()));
            all.addAll(deactivated.getOrDefault(g, List.of()));
            return percentile(all, 99);
        }).max().orElse(Double.NaN);
        System.out.printf("goal: p99 <= 1000 ms at every gateway -> worst p99 %.1f ms: %s%n", worstP99,
                worstP99 <= 1000 ? "MET" : "NOT MET");
    }

    static int probe(String gateway, String key) {
        try {
            return send(gateway, "POST", "/api/solve/turnstile", null, "{}", key).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(String base, String method, String path, String session, String body) throws Exception {
        return send(base, method, path, session, body, null);
    }

    static HttpResponse<String> send(String base, String method, String path, String session, String body, String apiKey)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Authorization", "Bearer " + session);
        }
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static void row(String what, String gateway, List<Double> values) {
        System.out.printf("%-26s %-28s %5d %8.1f %8.1f %8.1f %8.1f%n", what, gateway, values.size(), percentile(values, 50),
                percentile(values, 90), percentile(values, 99),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }
}
