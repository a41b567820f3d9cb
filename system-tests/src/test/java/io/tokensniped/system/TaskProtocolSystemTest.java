package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.lab.LabMode;
import io.tokensniped.lab.LabVerifiers;
import io.tokensniped.localstack.testing.WebhookReceiver;
import io.tokensniped.system.Customers.Customer;

/**
 * Real clients, unmodified: two task-protocol clients exactly as published on npm (src/test/node/task-protocol,
 * versions pinned by its package-lock.json) against the running system, only their host pointed at the gateway — the
 * official {@code @antiadmin/anticaptchaofficial} through an axios interceptor (its host is written into its code) and
 * {@code anticaptcha} through its {@code api.setBaseURL}. Through each: the lab's Turnstile and Geetest are solved
 * (and the lab's own verifiers accept the results), the balance is read, and a bad key, a zero balance, an unsupported
 * type and an unknown task id surface as the codes docs/guide/switching-providers.md documents; a test key solves the
 * magic site keys for free (and the interactive one is ERROR_CAPTCHA_UNSOLVABLE). A createTask's callbackUrl gets, signed,
 * the very body getTaskResult answers for the ended task.
 */
@Order(4)
class TaskProtocolSystemTest {

    static final Path NODE_DIR = Path.of("src/test/node/task-protocol").toAbsolutePath();
    /** A client call: a live solve in the lab (a few seconds) plus the client's polling. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(150);
    static final Duration NPM_TIMEOUT = Duration.ofSeconds(180);
    static final Duration SETTLED = Duration.ofSeconds(60);
    static final String RESULT = "RESULT ";
    static final long TURNSTILE_PRICE = 1;
    static final long GEETEST_PRICE = 2;
    /** Test mode's magic site keys and token (docs/api-extensions.md, Test mode). */
    static final String TEST_PASS = "1x00000000000000000000AA";
    static final String TEST_INTERACTIVE = "3x00000000000000000000FF";
    static final String TEST_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
    static final String TEST_GEETEST_PASS = "11111111111111111111111111111111";
    /** A task's end as getTaskResult and its callback see it: test solves end at once, deliveries within a second. */
    static final Duration ENDED = Duration.ofSeconds(20);
    /** What Customers.funded claims: the daily free credits. */
    static final long DAILY_CREDITS = 10;
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@antiadmin/anticaptchaofficial"))) {
            // Output shown, but not stdin: it is surefire's command channel, and npm would make it non-blocking ("std/in
            // stream corrupted", and the fork never exits cleanly).
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_DIR.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(install.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && install.exitValue() == 0,
                    "npm ci for the task-protocol clients failed");
        }
    }

    /** What one client call ended with: the value, or the error code the client surfaced. */
    record Outcome(boolean ok, JsonPath json, String output) {

        String code() {
            return json.getString("code");
        }
    }

    static Outcome run(String client, String key, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "clients.js", client));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("GATEWAY_URL", system.gatewayUrl, "CLIENT_KEY", key));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), client + " " + command + " ended: " + output);
        String result = output.lines().filter(line -> line.startsWith(RESULT)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(client + " printed no result: " + output));
        JsonPath json = JsonPath.from(result.substring(RESULT.length()));
        System.out.printf("task protocol: %s %s -> %s%n", client, String.join(" ", args), result.substring(RESULT.length()));
        return new Outcome(json.getBoolean("ok"), json, output);
    }

    static ExtractableResponse<Response> nativeBalance(String key) {
        return Customers.gw(system.gatewayUrl).header("x-api-key", key).get("/api/billing/balance").then().statusCode(200)
                .extract();
    }

    @ParameterizedTest
    @ValueSource(strings = {"official", "anticaptcha"})
    void solvesTheLabsTurnstileAndGeetestAndReadsTheBalance(String client) throws Exception {
        Customer customer = Customers.funded(system);
        String key = customer.apiKey();

        String siteKey = LabMode.PASS.siteKey();
        Instant started = Instant.now();
        Outcome turnstile = run(client, key, "turnstile", system.labUrl + "/turnstile/demo", siteKey);
        assertTrue(turnstile.ok(), turnstile.output());
        // The official client hands back the token alone, anticaptcha the solution object.
        String token = "official".equals(client)
                ? turnstile.json().getString("value")
                : turnstile.json().getString("value.token");
        String verdict = LabVerifiers.turnstile(system.labUrl, token, siteKey);
        assertTrue(LabVerifiers.accepted(verdict), "the lab's siteverify: " + verdict);
        long turnstileMs = Duration.between(started, Instant.now()).toMillis();

        String captchaId = LabMode.PASS.captchaId();
        started = Instant.now();
        Outcome geetest = run(client, key, "geetest", system.labUrl + "/geetest/page?captcha_id=" + captchaId, captchaId);
        assertTrue(geetest.ok(), geetest.output());
        JsonPath g = geetest.json();
        assertEquals(captchaId, g.getString("value.captcha_id"));
        String validated = LabVerifiers.geetest(system.labUrl, g.getString("value.captcha_id"), g.getString("value.lot_number"),
                g.getString("value.captcha_output"), g.getString("value.pass_token"), g.getString("value.gen_time"));
        assertTrue(LabVerifiers.validated(validated), "the lab's validate: " + validated);
        long geetestMs = Duration.between(started, Instant.now()).toMillis();

        // Both solves are charged once settled; the balance read through the client is the native balance's credits.
        long expected = DAILY_CREDITS - TURNSTILE_PRICE - GEETEST_PRICE;
        Instant deadline = Instant.now().plus(SETTLED);
        ExtractableResponse<Response> settled = nativeBalance(key);
        while ((int) settled.path("heldCredits") != 0 || (int) settled.path("credits") != expected) {
            assertTrue(Instant.now().isBefore(deadline), "the charges never settled: " + settled.body().asString());
            Thread.sleep(100);
            settled = nativeBalance(key);
        }
        Outcome balance = run(client, key, "balance");
        assertTrue(balance.ok(), balance.output());
        assertEquals(expected, balance.json().getLong("value"));

        // Each task is a solve like any other: in the account's history, solved.
        List<Map<String, Object>> items = Customers.gw(system.gatewayUrl).header("x-api-key", key).get("/api/solve/history")
                .then().statusCode(200).extract().path("items");
        assertEquals(List.of("geetest:solved", "turnstile:solved"),
                items.stream().map(i -> i.get("type") + ":" + i.get("status")).toList(), "newest first");
        System.out.printf("task protocol: %s solved Turnstile in %d ms and Geetest in %d ms (client polling included);"
                + " balance %d credits = native %d%n", client, turnstileMs, geetestMs, balance.json().getLong("value"),
                expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"official", "anticaptcha"})
    void theDocumentedCodesSurfaceThroughEachClient(String client) throws Exception {
        Outcome badKey = run(client, "sk_live_" + UUID.randomUUID().toString().replace("-", "") + "Zz9", "balance");
        assertEquals("ERROR_KEY_DOES_NOT_EXIST", badKey.code(), badKey.output());

        // A new account has no credits until it claims its daily ones.
        String token = Customers.signUp(system, "protocol");
        String broke = Customers.keyKnownEverywhere(system, token, "{\"name\":\"protocol\",\"rateLimitRpm\":1000}");
        Outcome zero = run(client, broke, "turnstile", system.labUrl + "/turnstile/demo", LabMode.PASS.siteKey());
        assertEquals("ERROR_ZERO_BALANCE", zero.code(), zero.output());

        Outcome unsupported = run(client, broke, "unsupported", system.labUrl + "/turnstile/demo", LabMode.PASS.siteKey());
        assertEquals("ERROR_TASK_NOT_SUPPORTED", unsupported.code(), unsupported.output());

        Outcome unknown = run(client, broke, "result", "987654321987");
        assertEquals("ERROR_NO_SUCH_CAPCHA_ID", unknown.code(), unknown.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"official", "anticaptcha"})
    void aTestKeySolvesTheMagicSiteKeyForFree(String client) throws Exception {
        String key = Customers.withTestKey(system, "protocol-test").apiKey();
        Outcome solved = run(client, key, "turnstile", "https://shop.example/login", TEST_PASS);
        assertTrue(solved.ok(), solved.output());
        String token = "official".equals(client) ? solved.json().getString("value") : solved.json().getString("value.token");
        assertEquals(TEST_TOKEN, token);
        Outcome interactive = run(client, key, "turnstile", "https://shop.example/login", TEST_INTERACTIVE);
        assertEquals("ERROR_CAPTCHA_UNSOLVABLE", interactive.code(), interactive.output());
        Outcome balance = run(client, key, "balance");
        assertEquals(0, balance.json().getLong("value"), "test solves are free: " + balance.output());
    }

    /**
     * createTask with a callbackUrl, for a Turnstile and a Geetest task that succeed and a Turnstile task that fails
     * (test mode's interactive site key): each callback gets exactly what getTaskResult answers once the task ended,
     * verified by the receiver as docs/guide/switching-providers.md tells customers (the npm standardwebhooks library,
     * with the account's callback secret).
     */
    @Test
    void aCreateTasksCallbackUrlGetsTheGetTaskResultBodySigned() throws Exception {
        Customer customer = Customers.withTestKey(system, "protocol-callback");
        WebhookReceiver receiver = SharedSystem.webhookReceiver();
        String secret = Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token())
                .get("/api/webhooks/callbacks/secret").then().statusCode(200).extract().path("secret");
        String run = UUID.randomUUID().toString();
        Map<String, String> tasks = Map.of(
                "turnstile", "{\"type\":\"TurnstileTaskProxyless\",\"websiteURL\":\"https://shop.example/login\","
                        + "\"websiteKey\":\"" + TEST_PASS + "\"}",
                "geetest", "{\"type\":\"GeeTestTaskProxyless\",\"websiteURL\":\"https://shop.example/login\","
                        + "\"gt\":\"" + TEST_GEETEST_PASS + "\",\"version\":4}",
                "interactive", "{\"type\":\"TurnstileTaskProxyless\",\"websiteURL\":\"https://shop.example/login\","
                        + "\"websiteKey\":\"" + TEST_INTERACTIVE + "\"}");
        Map<String, Long> taskIds = new java.util.HashMap<>();
        for (Map.Entry<String, String> task : tasks.entrySet()) {
            String hook = "task-" + task.getKey() + "-" + run;
            receiver.configure(hook, List.of(secret), 0);
            JsonPath created = JsonPath.from(Customers.gw(system.gatewayUrl)
                    .body("{\"clientKey\":\"" + customer.apiKey() + "\",\"task\":" + task.getValue() + ",\"callbackUrl\":\""
                            + receiver.hook(hook) + "\"}")
                    .post("/createTask").then().statusCode(200).extract().asString());
            assertEquals(0, created.getInt("errorId"), created.prettify());
            taskIds.put(task.getKey(), created.getLong("taskId"));
        }

        for (String task : tasks.keySet()) {
            Map<String, Object> polled = endedTaskResult(customer.apiKey(), taskIds.get(task));
            String hook = "task-" + task + "-" + run;
            JsonPath got = awaitVerified(receiver, hook);
            assertEquals(1, got.getList("received").size(), "one delivery per task: " + got.prettify());
            assertEquals(0, got.getInt("duplicates"));
            assertTrue(got.getString("received[0].id").startsWith("msg_"), got.prettify());
            Map<String, Object> posted = got.getMap("received[0].body");
            assertEquals(polled.keySet(), posted.keySet(), task + ": the same fields");
            for (String field : polled.keySet()) {
                assertEquals(polled.get(field), posted.get(field), task + ": " + field);
            }
            System.out.printf("task protocol: %s callback body = getTaskResult body %s%n", task, posted);
        }
        Map<String, Object> turnstile = endedTaskResult(customer.apiKey(), taskIds.get("turnstile"));
        assertEquals("ready", turnstile.get("status"));
        assertEquals(TEST_TOKEN, ((Map<?, ?>) turnstile.get("solution")).get("token"));
        assertEquals("0", turnstile.get("cost"), "test solves are free");
        Map<String, Object> geetest = endedTaskResult(customer.apiKey(), taskIds.get("geetest"));
        assertEquals(TEST_GEETEST_PASS, ((Map<?, ?>) geetest.get("solution")).get("captcha_id"));
        Map<String, Object> interactive = endedTaskResult(customer.apiKey(), taskIds.get("interactive"));
        assertEquals(1, interactive.get("errorId"));
        assertEquals("ERROR_CAPTCHA_UNSOLVABLE", interactive.get("errorCode"));

        // The account's callback log shows the three deliveries, delivered.
        JsonPath log = JsonPath.from(Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token())
                .get("/api/webhooks/callbacks/deliveries").then().statusCode(200).extract().asString());
        assertEquals(List.of("delivered", "delivered", "delivered"), log.getList("status"));
    }

    /** getTaskResult's body once the task is no longer processing. */
    static Map<String, Object> endedTaskResult(String key, long taskId) throws InterruptedException {
        Instant deadline = Instant.now().plus(ENDED);
        while (true) {
            JsonPath answer = JsonPath.from(Customers.gw(system.gatewayUrl)
                    .body("{\"clientKey\":\"" + key + "\",\"taskId\":" + taskId + "}")
                    .post("/getTaskResult").then().statusCode(200).extract().asString());
            if (!"processing".equals(answer.getString("status"))) {
                return answer.getMap("");
            }
            assertTrue(Instant.now().isBefore(deadline), "task " + taskId + " never ended");
            Thread.sleep(100);
        }
    }

    static JsonPath awaitVerified(WebhookReceiver receiver, String hook) throws Exception {
        Instant deadline = Instant.now().plus(ENDED);
        while (true) {
            JsonPath got = JsonPath.from(receiver.received(hook));
            if (!got.getList("received").isEmpty()) {
                return got;
            }
            assertTrue(Instant.now().isBefore(deadline), "no verified callback at " + hook + ": " + got.prettify());
            Thread.sleep(50);
        }
    }
}
