package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against every public route of the running system: a seeded generator sends malformed, oversized and
 * mistyped bodies, headers, query strings and path ids, with no credentials, a test-mode key or a session. No answer
 * may be a 5xx or carry a stack trace, every error body is the contract's (but the HTTP layer's own 414/431 for a
 * request line or headers beyond its limits), bodies over the limit are 413, and the gateway's memory stays flat.
 */
@Order(9)
class HostileInputSystemTest {

    static final int REQUESTS = 10_000;
    static final long SEED = 20261129L;
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    static final Pattern STACK_TRACE = Pattern.compile("Exception|\\tat |at io\\.|at java\\.|at org\\.|java\\.lang\\.");
    static final List<String[]> ROUTES = List.of(
            new String[]{"POST", "/api/solve/turnstile"}, new String[]{"POST", "/api/solve/geetest"},
            new String[]{"POST", "/api/solve/interstitial"}, new String[]{"GET", "/api/solve/{id}"},
            new String[]{"GET", "/api/solve/history"}, new String[]{"POST", "/api/auth/sign-up/email"},
            new String[]{"POST", "/api/auth/sign-in/email"}, new String[]{"POST", "/api/auth/sign-out"},
            new String[]{"GET", "/api/auth/get-session"}, new String[]{"GET", "/api/keys"}, new String[]{"POST", "/api/keys"},
            new String[]{"PATCH", "/api/keys/{id}"}, new String[]{"DELETE", "/api/keys/{id}"},
            new String[]{"GET", "/api/targets"}, new String[]{"POST", "/api/targets"},
            new String[]{"POST", "/api/targets/{id}/verify"}, new String[]{"DELETE", "/api/targets/{id}"},
            new String[]{"GET", "/api/billing/balance"}, new String[]{"POST", "/api/billing/daily-claim"},
            new String[]{"GET", "/api/billing/transactions"}, new String[]{"GET", "/api/billing/packages"},
            new String[]{"POST", "/api/billing/checkout/stripe"}, new String[]{"GET", "/api/billing/crypto/currencies"},
            new String[]{"POST", "/api/billing/checkout/crypto"}, new String[]{"GET", "/api/billing/crypto/payments/{id}"},
            new String[]{"POST", "/api/billing/webhooks/stripe"}, new String[]{"POST", "/api/billing/webhooks/crypto"},
            new String[]{"GET", "/api/webhooks"}, new String[]{"POST", "/api/webhooks"},
            new String[]{"PATCH", "/api/webhooks/{id}"}, new String[]{"POST", "/api/webhooks/{id}/rotate-secret"},
            new String[]{"GET", "/api/health"});

    static RunningSystem system;
    static String testKey;
    static String session;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        Customers.Customer customer = Customers.withTestKey(system, "hostile");
        session = customer.token();
        testKey = customer.apiKey();
    }

    /** Malformed, mistyped and oversized values, chosen by the seeded generator. */
    static final class Hostile {

        final Random random = new Random(SEED);

        String pick(String... values) {
            return values[random.nextInt(values.length)];
        }

        String bytes(int size) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }

        String id() {
            return pick(UUID.randomUUID().toString(), "not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "%00", "1 OR 1=1",
                    "0".repeat(300),
                    "%E2%80%AE", "{id}");
        }

        String body() {
            return switch (random.nextInt(14)) {
                case 0 -> "";
                case 1 -> "{";
                case 2 -> "null";
                case 3 -> "[]";
                case 4 -> "\"just a string\"";
                case 5 -> "[".repeat(20_000) + "]".repeat(20_000);
                case 6 -> "{\"siteKey\":\"" + "A".repeat(1 << 20) + "\",\"pageUrl\":\"https://shop.example/\"}";
                case 7 -> bytes(1 + random.nextInt(2048));
                case 8 -> "{\"siteKey\":123,\"pageUrl\":[],\"timeout\":\"sixty\",\"proxy\":{}}";
                case 9 -> "{\"timeout\":1e309,\"rateLimitRpm\":-99999999999999999999,\"name\":\"" + "\u0000".repeat(10) + "\"}";
                case 10 -> "{\"email\":\"" + "x".repeat(5000) + "@example.test\",\"password\":\"" + "p".repeat(100_000) + "\"}";
                case 11 ->
                    "{\"captchaId\":\"zz\",\"url\":\"file:///etc/passwd\",\"pageUrl\":\"http://169.254.169.254/\",\"packageId\":\"../x\"}";
                case 12 -> "{\"host\":\"" + pick("", " ", "a".repeat(5000), "127.0.0.1", "[::1]", "xn--", "exa mple.com")
                        + "\",\"currency\":null}";
                default -> "{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001);
            };
        }

        String query() {
            return switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 -> "?limit=" + pick("-1", "0", "101", "abc", "99999999999999999999");
                case 2 -> "?cursor=" + pick("garbage", "%FF%FE", "A".repeat(8000), "eyJ4IjoxfQ");
                case 3 -> "?from=" + pick("yesterday", "2026-13-45T99:99:99Z", "0") + "&to=" + pick("", "-1");
                case 4 -> "?type=" + pick("hcaptcha", "%27", "") + "&status=" + pick("done", "") + "&apiKeyId=" + pick("x", "");
                default -> "?async=" + pick("maybe", "true") + "&api_key=" + pick("sk_live_x", "sk_test_y");
            };
        }
    }

    static long gatewayRssKb() throws Exception {
        ProcessHandle gateway = system.launcher.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("gateway-service/target/quarkus-app")).findFirst()
                .orElseThrow();
        for (String line : Files.readAllLines(Path.of("/proc/" + gateway.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void tenThousandHostileRequestsGetNoServerErrorNoStackTraceAndTheContractsErrorBody() throws Exception {
        Hostile hostile = new Hostile();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, AtomicInteger> statuses = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        long rssWarm = 0;
        Instant started = Instant.now();
        for (int i = 0; i < REQUESTS; i++) {
            if (i == REQUESTS / 5) {
                rssWarm = gatewayRssKb();
            }
            String[] route = ROUTES.get(hostile.random.nextInt(ROUTES.size()));
            String path = route[1].replace("{id}", hostile.id()) + hostile.query();
            String body = route[0].equals("GET") || route[0].equals("DELETE") ? null : hostile.body();
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create(system.gatewayUrl + path)).timeout(ANSWER_WITHIN);
            } catch (IllegalArgumentException notAUri) {
                continue; // the client refuses to send it; nothing reached the system
            }
            request.method(route[0],
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body,
                                    StandardCharsets.ISO_8859_1));
            String contentType = hostile.pick("application/json", "text/plain", "application/xml", "multipart/form-data",
                    "application/json; charset=utf-7");
            request.header("Content-Type", contentType);
            String chosen = switch (hostile.random.nextInt(6)) {
                case 0 -> null;
                case 1 -> "x-api-key:" + testKey;
                case 2 -> "Authorization:Bearer " + session;
                case 3 ->
                    "x-api-key:" + hostile.pick("sk_live_", "sk_test_" + "A".repeat(10_000), "' OR 1=1 --", "\u00ff\u00fe");
                case 4 -> "Authorization:" + hostile.pick("Bearer", "Bearer " + "e30." + Base64.getUrlEncoder().encodeToString(
                        "{\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8)) + ".", "Basic Zm9vOmJhcg==",
                        "Bearer " + "a.b.c".repeat(2000));
                default -> "Cookie:better-auth.session_token=" + hostile.pick(session, "garbage", "a".repeat(6000));
            };
            if (chosen != null) {
                int colon = chosen.indexOf(':');
                try {
                    request.header(chosen.substring(0, colon), chosen.substring(colon + 1));
                } catch (IllegalArgumentException headerRefused) {
                    // the client will not send such a header value
                }
            }
            if (hostile.random.nextInt(10) == 0) {
                request.header("Idempotency-Key", hostile.pick("", "k".repeat(9000), UUID.randomUUID().toString()));
                request.header("Last-Event-ID", hostile.pick("-1", "abc", "99999999999999999999999"));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException closed) {
                // The server may refuse what HTTP itself forbids (a header too large) by closing the connection.
                statuses.computeIfAbsent("closed", c -> new AtomicInteger()).incrementAndGet();
                if (closed instanceof java.net.http.HttpTimeoutException) {
                    failures.putIfAbsent("no answer " + route[0] + " " + route[1],
                            route[0] + " " + path.substring(0, Math.min(path.length(), 120))
                                    + " body "
                                    + (body == null
                                            ? "none"
                                            : body.substring(0, Math.min(body.length(), 80)) + " (" + body.length() + " chars)")
                                    + " " + chosen);
                }
                continue;
            }
            statuses.computeIfAbsent(String.valueOf(response.statusCode()), s -> new AtomicInteger()).incrementAndGet();
            String answer = response.body();
            String what = route[0] + " " + path.substring(0, Math.min(path.length(), 120)) + " -> " + response.statusCode()
                    + " "
                    + answer.substring(0, Math.min(answer.length(), 300)) + " [sent " + contentType + ": "
                    + (body == null
                            ? "no body"
                            : body.substring(0, Math.min(body.length(), 60)).replaceAll("\\p{Cntrl}", "?") + "… ("
                                    + body.length() + " chars)")
                    + "]";
            if (response.statusCode() >= 500) {
                failures.putIfAbsent("5xx " + route[0] + " " + route[1] + " " + response.statusCode(), what);
            }
            if (STACK_TRACE.matcher(answer).find()) {
                failures.putIfAbsent("stack trace " + route[0] + " " + route[1], what);
            }
            // 414 and 431 come from the HTTP layer itself (request line over 4 KB, headers over 20 KB), before any route.
            boolean protocolRefusal = response.statusCode() == 414 || response.statusCode() == 431;
            if (response.statusCode() >= 400 && !protocolRefusal && !answer.contains("\"error\"")) {
                failures.putIfAbsent("not the contract's error body " + route[0] + " " + route[1] + " " + response.statusCode(),
                        what);
            }
        }
        long rssEnd = gatewayRssKb();
        System.out.printf("hostile input: %d requests in %d s, statuses %s; gateway RSS %d MB after %d, %d MB after %d%n",
                REQUESTS, Duration.between(started, Instant.now()).toSeconds(), statuses, rssWarm / 1024, REQUESTS / 5,
                rssEnd / 1024,
                REQUESTS);
        assertTrue(failures.isEmpty(),
                failures.size() + " kinds of failure:\n" + String.join("\n", new ArrayList<>(failures.values())));
        assertTrue(rssEnd < rssWarm * 1.25, "gateway memory grew from " + rssWarm / 1024 + " MB to " + rssEnd / 1024 + " MB");
    }
}
