package io.tokensniped.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import io.restassured.path.json.JsonPath;
import io.tokensniped.localstack.testing.WebhookReceiver;
import io.tokensniped.system.Customers.Customer;

/**
 * What issue 24's customer missed, each done as they would do it in Chromium on a phone (390×844): the public price
 * list, the Credits page's balance and readable types, the keys editor with inline errors and the keyboard, solves
 * with full ids, key names, filters kept in the address and a live history, the token's copy button, the Targets
 * page, the docs' copy buttons, deep links and samples that run as saved from the page.
 */
@Order(10)
class DashboardJourneysSystemTest {

    static final String PASS_SITE_KEY = "1x00000000000000000000AA";
    static final String TEST_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    /** True once the solves-per-hour chart adds up to the given number (its values are on the canvas). */
    static final String CHARTED_SOLVES = "n => { const c = document.querySelector('[data-testid=chart-solves] canvas');"
            + " return c && c.dataset.values.split(',').reduce((sum, v) => sum + Number(v || 0), 0) === n; }";
    static RunningSystem system;
    static Browsers browsers;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        browsers = Browsers.chromium();
        browser = browsers.browser;
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    static BrowserContext phone(Customer customer) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin(system.gatewayUrl));
        if (customer != null) {
            context.addCookies(
                    List.of(new Cookie("better-auth.session_token", customer.token()).setUrl(system.gatewayUrl + "/")));
        }
        return context;
    }

    static String clipboard(Page page) {
        return (String) page.evaluate("() => navigator.clipboard.readText()");
    }

    static String solve(Customer customer, String pageUrl) {
        return Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .body("{\"siteKey\":\"" + PASS_SITE_KEY + "\",\"pageUrl\":\"" + pageUrl + "\"}")
                .post("/api/solve/turnstile").then().statusCode(200).extract().path("id");
    }

    @Test
    void thePriceListIsPublicAndShownOnTheCreditsPageWithTheBalanceAndReadableTypes() throws Exception {
        given().baseUri(system.gatewayUrl).get("/api/billing/pricing").then().statusCode(200)
                .body("solves.find { it.type == 'turnstile' }.credits", equalTo(1))
                .body("solves.find { it.type == 'geetest' }.credits", equalTo(2))
                .body("solves.find { it.type == 'interstitial' }.credits", equalTo(3))
                .body("dailyGrant.credits", equalTo(10)).body("packages", hasSize(3))
                .body("packages[0].id", equalTo("starter"));

        Customer customer = Customers.withTestKey(system, "credits-page");
        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            // The claim button says what it grants.
            page.navigate(system.gatewayUrl + "/#/");
            assertThat(page.locator("[data-testid=claim]")).hasText("Claim 10 free credits");
            page.locator("[data-testid=claim]").click();
            assertThat(page.locator("[role=status]")).containsText("10 free credits added");

            page.navigate(system.gatewayUrl + "/#/billing");
            assertThat(page.locator("[data-testid=credits-balance]")).hasText("10");
            assertThat(page.locator("[data-testid=price-turnstile]")).containsText("1");
            assertThat(page.locator("[data-testid=price-interstitial]")).containsText("3");
            assertThat(page.locator("[data-testid=transactions] tbody tr").first()).containsText("Daily free credits");
            assertFalse(page.locator("[data-testid=transactions]").textContent().contains("daily_grant"), "no raw codes");
        }
    }

    @Test
    void theTransactionsViewGoesPastFiftyAndTheSuccessRateAxisNeverPasses100() throws Exception {
        Customer customer = Customers.withTestKey(system, "many-purchases");
        Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token()).post("/api/billing/daily-claim")
                .then().statusCode(200);
        // 51 card purchases through the run command's Stripe sandbox (checkout, then its pay button's post): with the
        // daily grant, 52 transactions, one more than a page and a bit.
        int purchases = 51;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (int i = 0; i < purchases; i++) {
            String checkout = Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token())
                    .body("{\"packageId\":\"starter\"}").post("/api/billing/checkout/stripe").then().statusCode(200)
                    .extract().path("url");
            int paid = http.send(HttpRequest.newBuilder(URI.create(checkout + "/pay")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertTrue(paid < 400, "the sandbox took payment " + i + ": " + paid);
        }
        // Two test solves, one solved and one failed, so the success-rate chart has a point (50 %).
        solve(customer, "https://shop.example/rate");
        Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .body("{\"siteKey\":\"2x00000000000000000000AB\",\"pageUrl\":\"https://shop.example/rate\"}")
                .post("/api/solve/turnstile").then().statusCode(502);

        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/#/billing");
            assertThat(page.locator("[data-testid=transactions] tbody tr")).hasCount(50);
            page.locator("[data-testid=more-transactions]").click();
            assertThat(page.locator("[data-testid=transactions] tbody tr")).hasCount(purchases + 1);
            assertThat(page.locator("[data-testid=more-transactions]")).hasCount(0);

            page.navigate(system.gatewayUrl + "/#/");
            assertThat(page.locator("[data-testid=chart-success] canvas")).hasAttribute("data-y-max", "100");
        }
    }

    @Test
    void keysAreValidatedInlineEditedByKeyboardAndShowTheirUse() throws Exception {
        Customer customer = Customers.withTestKey(system, "used");
        solve(customer, "https://shop.example/used");
        // A key's last use reaches keys-service within a flush interval (about a second); the page reads it once.
        Instant flushed = Instant.now().plusSeconds(20);
        while (Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token()).get("/api/keys")
                .then().extract().jsonPath().getList("lastUsedAt").stream().allMatch(java.util.Objects::isNull)
                && Instant.now().isBefore(flushed)) {
            Thread.sleep(100);
        }
        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/#/keys");
            assertThat(page.locator("[data-testid=key-used] [data-testid=usage]")).hasText("1 / 1");
            assertThat(page.locator("[data-testid=key-used] [data-testid=last-used]")).not().hasText("never");
            assertThat(page.locator("[data-testid=key-used] [data-testid=created]")).not().hasText("—");
            // New keys start in test mode.
            assertEquals("test", page.locator("select[name=key-mode]").inputValue());

            // A limit of 0: the field says why, nothing is lost, nothing is sent.
            List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onRequest(request -> {
                if (request.method().equals("POST") && request.url().endsWith("/api/keys")) {
                    posted.add(request.url());
                }
            });
            page.locator("input[name=key-name]").fill("by-keyboard");
            page.locator("input[name=key-rpm]").fill("0");
            page.locator("input[name=key-rpm]").press("Enter");
            assertThat(page.locator("#new-key-rateLimitRpm")).containsText("1 to 10,000");
            assertThat(page.locator("input[name=key-name]")).hasValue("by-keyboard");
            assertTrue(posted.isEmpty(), "nothing sent: " + posted);

            // Corrected by keyboard alone, Enter creates it.
            page.locator("input[name=key-rpm]").fill("30");
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=full-key]")).containsText("sk_test_");
            page.locator("[data-testid=dismiss-key]").click();
            assertThat(page.locator("[data-testid=key-by-keyboard]")).containsText("30/min");

            // The limits editor: Escape leaves the limits as they were; an invalid value keeps the editor open with the
            // reason; Enter saves.
            page.locator("[data-testid=key-by-keyboard] [data-testid=edit-limits]").click();
            page.locator("[data-testid=key-by-keyboard] input[name=rateLimitRpm]").fill("45");
            page.keyboard().press("Escape");
            assertThat(page.locator("[data-testid=key-by-keyboard] [data-testid=limits-editor]")).hasCount(0);
            assertThat(page.locator("[data-testid=key-by-keyboard]")).containsText("30/min");
            page.locator("[data-testid=key-by-keyboard] [data-testid=edit-limits]").click();
            page.locator("[data-testid=key-by-keyboard] input[name=rateLimitRpm]").fill("");
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=key-by-keyboard] [data-testid=limits-editor]")).containsText("1 to 10,000");
            page.locator("[data-testid=key-by-keyboard] input[name=rateLimitRpm]").fill("45");
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=key-by-keyboard]")).containsText("45/min");
        }
    }

    @Test
    void solvesShowFullIdsAndKeyNamesKeepTheirFiltersAndArriveLive() throws Exception {
        Customer customer = Customers.withTestKey(system, "named");
        String first = solve(customer, "https://shop.example/first");
        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/#/solves");
            page.locator("select[name=status]").selectOption("solved");
            page.waitForURL(url -> url.contains("status=solved"));
            page.reload();
            assertEquals("solved", page.locator("select[name=status]").inputValue(), "the filter survives a reload");
            assertThat(page.locator("[data-testid=history-" + first + "]")).containsText(first);
            assertThat(page.locator("[data-testid=history-" + first + "] [data-testid=key-name]")).hasText("named");

            // A new solve joins the history without a reload.
            String second = solve(customer, "https://shop.example/second");
            assertThat(page.locator("[data-testid=history-" + second + "]")).containsText("solved");

            // Found by its id; its detail names the page and the key, and copies the token.
            page.locator("input[name=solve-id]").fill(first);
            page.locator("input[name=solve-id]").press("Enter");
            assertThat(page.locator("[data-testid=detail-page]")).hasText("https://shop.example/first");
            assertThat(page.locator("[data-testid=detail-key]")).hasText("named");
            assertThat(page.locator("[data-testid=detail-site-key]")).hasText(PASS_SITE_KEY);
            page.locator("[data-testid=copy-solution]").click();
            assertThat(page.locator("[data-testid=copy-solution]")).hasText("Copied");
            assertEquals(TEST_TOKEN, clipboard(page));
        }
    }

    @Test
    void theOverviewChartsFollowSolvesLive() throws Exception {
        Customer customer = Customers.withTestKey(system, "charts");
        solve(customer, "https://shop.example/chart-1");
        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/#/");
            assertThat(page.locator("[data-testid=solves-today]")).hasText("1");
            page.waitForFunction(CHARTED_SOLVES, 1);
            solve(customer, "https://shop.example/chart-2");
            // Cards and charts agree without a reload.
            assertThat(page.locator("[data-testid=solves-today]")).hasText("2");
            page.waitForFunction(CHARTED_SOLVES, 2);
        }
    }

    @Test
    void aWebhookEndpointIsAddedWithItsSecretShownOnceDisabledEnabledAndItsDeliveryLoggedAndResent() throws Exception {
        Customer customer = Customers.withTestKey(system, "webhooks-page");
        WebhookReceiver receiver = SharedSystem.webhookReceiver();
        String name = "journey-" + UUID.randomUUID();
        String card = "[data-testid^=endpoint-]";
        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/#/webhooks");
            // Refused as the API refuses it, with the reason.
            page.locator("input[name=webhook-url]").fill("https://127.0.0.1/hook");
            page.locator("[data-testid=create-webhook]").click();
            assertThat(page.locator("p.error[role=alert]")).containsText("loopback");
            assertThat(page.locator(card)).hasCount(0);

            page.locator("input[name=webhook-url]").fill(receiver.hook(name));
            page.locator("[data-testid=create-webhook]").click();
            String secret = page.locator("[data-testid=signing-secret]").textContent().trim();
            assertTrue(secret.startsWith("whsec_"), secret);
            receiver.configure(name, List.of(secret), 0);
            page.locator("[data-testid=dismiss-secret]").click();
            assertThat(page.locator("[data-testid=new-secret]")).hasCount(0);
            page.reload();
            assertThat(page.locator(card)).hasCount(1);
            assertThat(page.locator(card)).containsText(receiver.hook(name));
            assertThat(page.locator("body")).not().containsText(secret);

            // Disabled by its owner, with the reason shown; enabled again.
            page.locator(card + " [data-testid=toggle-enabled]").click();
            assertThat(page.locator(card + " [data-testid=disabled-reason]")).containsText("disabled by the account");
            assertThat(page.locator(card + " [data-testid=toggle-enabled]")).hasText("Enable");
            page.locator(card + " [data-testid=toggle-enabled]").click();
            assertThat(page.locator(card + " [data-testid=toggle-enabled]")).hasText("Disable");
            assertThat(page.locator(card + " [data-testid=disabled-reason]")).hasCount(0);

            // A solve: its solve.succeeded arrives verified and is in the log; a resend sends it again, same id.
            String solveId = solve(customer, "https://shop.example/webhooks");
            awaitReceiver(receiver, name, counts -> counts.getInt("unique") == 1);
            assertTrue(receiver.received(name).contains(solveId));
            page.locator(card + " [data-testid=show-deliveries]").click();
            assertThat(page.locator(card + " table")).containsText("solve.succeeded");
            assertThat(page.locator(card + " table")).containsText("delivered");
            page.locator(card + " [data-testid=resend]").first().click();
            awaitReceiver(receiver, name, counts -> counts.getInt("requests") == 2);
            assertEquals(1, JsonPath.from(receiver.counts(name)).getInt("unique"),
                    "the resend has the same webhook-id");
            assertThat(page.locator(card + " table tbody tr")).hasCount(2);
        }
    }

    /**
     * Issue 24: the server's refusal names the field, and the Keys page shows it beside that field with the input kept
     * (not a generic message above the table). The page validates what it can first, so the refused value is put in
     * the request on its way, as a stale page or a changed server rule would send it; the refusal is the server's own.
     */
    @Test
    void aFieldTheServerRefusesIsShownInlineBesideItOnTheKeysPage() throws Exception {
        Customer customer = Customers.withTestKey(system, "keys-server-error");
        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            page.route("**/api/keys", route -> {
                String body = route.request().postData();
                if ("POST".equals(route.request().method()) && body != null) {
                    route.resume(new com.microsoft.playwright.Route.ResumeOptions()
                            .setPostData(body.replaceAll("\"rateLimitRpm\"\\s*:\\s*\\d+", "\"rateLimitRpm\":0")));
                } else {
                    route.resume();
                }
            });
            page.navigate(system.gatewayUrl + "/#/keys");
            page.locator("input[name=key-name]").fill("refused by the server");
            page.locator("[data-testid=create-key]").click();
            assertThat(page.locator("#new-key-rateLimitRpm")).isVisible();
            assertThat(page.locator("input[name=key-rpm]")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("[data-testid=new-key]")).hasCount(0);
            assertThat(page.locator("input[name=key-name]")).hasValue("refused by the server");
        }
    }

    static void awaitReceiver(WebhookReceiver receiver, String name,
            Predicate<JsonPath> condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.test(JsonPath.from(receiver.counts(name)))) {
            assertTrue(Instant.now().isBefore(deadline), "the receiver never got it: " + receiver.counts(name));
            Thread.sleep(50);
        }
    }

    @Test
    void aHostIsAddedVerifiedAndRemovedOnTheTargetsPageByKeyboard() throws Exception {
        Customer customer = Customers.withTestKey(system, "targets");
        String labHost = URI.create(system.labUrl).getAuthority();
        try (BrowserContext context = phone(customer)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/#/targets");
            page.locator("input[name=target-host]").fill("http://not a host/");
            page.keyboard().press("Enter");
            assertThat(page.locator("#target-host-error")).isVisible();
            page.locator("input[name=target-host]").fill(labHost);
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid='target-" + labHost + "'] [data-testid=verification-url]"))
                    .containsText(labHost + "/.well-known/tokensniped-verification.txt");
            String token = page.locator("[data-testid='target-" + labHost + "'] [data-testid=verification-token]")
                    .textContent();

            // Not published yet: the reason shows; published (the lab plays the site owner): verified.
            page.locator("[data-testid='target-" + labHost + "'] [data-testid=verify]").click();
            assertThat(page.locator("[data-testid='target-" + labHost + "'] [data-testid=verify-result]")).isVisible();
            given().baseUri(system.labUrl).body(token).post("/lab/site/verification-token").then().statusCode(200);
            page.locator("[data-testid='target-" + labHost + "'] [data-testid=verify]").click();
            assertThat(page.locator("[data-testid='target-" + labHost + "']")).containsText("verified");
            assertThat(page.locator("[data-testid='target-" + labHost + "'] [data-testid=verify]")).hasCount(0);

            page.onDialog(dialog -> dialog.accept());
            page.locator("[data-testid='target-" + labHost + "'] [data-testid=remove]").click();
            assertThat(page.locator("[data-testid='target-" + labHost + "']")).hasCount(0);
        }
    }

    @Test
    void theAccountPageRenamesChangesThePasswordAndSignsOutEverywhere() throws Exception {
        String email = "account-" + java.util.UUID.randomUUID() + "@example.test";
        String token = Customers.gw(system.gatewayUrl)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + Customers.PASSWORD + "\",\"name\":\"Before\"}")
                .post("/api/auth/sign-up/email").then().statusCode(200).extract().path("token");
        String elsewhere = signIn(email, Customers.PASSWORD);
        try (BrowserContext context = phone(new Customer(token, null))) {
            Page page = context.newPage();
            page.onDialog(dialog -> dialog.accept());
            page.navigate(system.gatewayUrl + "/");
            page.locator("[data-testid=account-link]").click();
            page.locator("input[name=account-name]").fill("After");
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=name-form] [role=status]")).hasText("Name saved.");
            given().baseUri(system.gatewayUrl).header("Authorization", "Bearer " + token).get("/api/auth/get-session")
                    .then().statusCode(200).body("user.name", equalTo("After"));

            // A wrong current password is named beside its field; the right one changes it.
            page.locator("input[name=current-password]").fill("not my password");
            page.locator("input[name=new-password]").fill("a new horse 2");
            page.keyboard().press("Enter");
            assertThat(page.locator("#currentPassword-error")).containsText("not right");
            page.locator("input[name=current-password]").fill(Customers.PASSWORD);
            page.keyboard().press("Enter");
            assertThat(page.locator("[data-testid=password-form] [role=status]")).hasText("Password changed.");
            signIn(email, "a new horse 2");

            // Every session ends: this browser's and the one signed in elsewhere.
            page.locator("[data-testid=sign-out-everywhere]").click();
            assertThat(page.getByText("Sign in to your dashboard")).isVisible();
            for (String session : List.of(token, elsewhere)) {
                given().baseUri(system.gatewayUrl).header("Authorization", "Bearer " + session).get("/api/auth/get-session")
                        .then().statusCode(401);
            }
        }
    }

    static String signIn(String email, String password) {
        return Customers.gw(system.gatewayUrl).body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/api/auth/sign-in/email").then().statusCode(200).extract().path("token");
    }

    @Test
    void theDocsCopyCodeFollowDeepLinksHideTheBrokersAndServeAnIcon() throws Exception {
        HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(system.gatewayUrl + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, icon.statusCode());
        assertTrue(icon.body().length > 0);
        try (BrowserContext context = phone(null)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/docs/#/quick-start");
            int blocks = page.locator("article pre").count();
            assertTrue(blocks > 0);
            assertThat(page.locator("article .code-block button.copy")).hasCount(blocks);
            // Written for the origin serving them.
            assertThat(page.locator("article pre").first()).containsText(system.gatewayUrl + "/api/solve/turnstile");
            page.locator("article .code-block button.copy").first().click();
            assertTrue(clipboard(page).contains(system.gatewayUrl + "/api/solve/turnstile"));

            // Redoc's deep link, on a reload.
            page.navigate(system.gatewayUrl + "/docs/#tag/Billing");
            page.reload();
            assertThat(page.locator("[data-testid=api-reference]")).containsText("Price list");

            page.navigate(system.gatewayUrl + "/docs/#/events");
            assertThat(page.locator("[data-testid=event-catalogue]")).containsText("SolveRequested");
            String catalogue = page.locator("[data-testid=event-catalogue]").textContent();
            assertFalse(catalogue.contains("9092") || catalogue.contains("KRaft"), "no broker addresses");
        }
    }

    @Test
    void everySampleRunsAsSavedFromTheDocsPage() throws Exception {
        String key = Customers.withTestKey(system, "saved-samples").apiKey();
        Path dir = Files.createDirectories(Path.of("target", "saved-samples").toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> interpreters = Map.of("bash", "bash", "node", "node", "python3", "python3", "java", java);
        try (BrowserContext context = phone(null)) {
            Page page = context.newPage();
            page.navigate(system.gatewayUrl + "/docs/#/code-examples");
            int tabs = page.locator("[role=tab]").count();
            assertEquals(4, tabs);
            for (int i = 0; i < tabs; i++) {
                page.locator("[role=tab]").nth(i).click();
                String file = page.locator("[data-testid=sample-file]").textContent();
                String[] run = page.locator("[data-testid=sample-run]").textContent().split(" ");
                Path saved = Files.writeString(dir.resolve(file), page.locator("[data-testid=sample]").textContent());
                assertTrue(Files.readString(saved).contains(system.gatewayUrl), file + " names this origin");
                // Only the key, as the page says: the address is the page's own.
                ProcessBuilder builder = new ProcessBuilder(interpreters.get(run[0]), run[1]).directory(dir.toFile())
                        .redirectErrorStream(true);
                builder.environment().remove("TOKENSNIPED_URL");
                builder.environment().put("TOKENSNIPED_API_KEY", key);
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS), file + " ended");
                assertEquals(0, process.exitValue(), file + ": " + output);
                assertTrue(output.contains(TEST_TOKEN), file + " printed the token: " + output);
            }
        }
    }
}
