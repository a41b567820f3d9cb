package io.tokensniped.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;

/**
 * The dashboard in Debian's Chromium, as a customer uses it: sign up, claim the daily credits, create a key and see
 * it exactly once, watch a test-mode solve submitted with curl appear live without a reload, find it in history and
 * its detail, pay for credits with crypto (the payment screen follows the provider's callback) and be sent to Stripe's
 * checkout, revoke the key and see the same curl refused. Screenshots of each main screen go to target/screenshots.
 */
@Order(7)
class DashboardSystemTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String PASS_SITE_KEY = "1x00000000000000000000AA";
    static final Duration PROPAGATION = Duration.ofSeconds(20);
    static RunningSystem system;
    static Browsers browsers;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        Files.createDirectories(SCREENSHOTS);
        browsers = Browsers.chromium();
        browser = browsers.browser;
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** What a customer's script does: curl with the key; returns the status code and body. */
    static String[] curl(String key, String body) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "-w", "\n%{http_code}", "-X", "POST",
                system.gatewayUrl + "/api/solve/turnstile?async=true", "-H", "x-api-key: " + key,
                "-H", "Content-Type: application/json", "-d", body).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "curl finished");
        int split = out.lastIndexOf('\n');
        return new String[]{out.substring(split + 1).trim(), out.substring(0, Math.max(split, 0))};
    }

    static String awaitCurlStatus(String key, String body, String expected) throws Exception {
        Instant deadline = Instant.now().plus(PROPAGATION);
        String[] answer;
        do {
            answer = curl(key, body);
            if (answer[0].equals(expected)) {
                return answer[1];
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("curl never got " + expected + ", last: " + answer[0] + " " + answer[1]);
    }

    @Test
    void aCustomerSignsUpClaimsCreatesAKeyWatchesATestSolveLiveAndRevokesTheKey() throws Exception {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
        page.onDialog(dialog -> dialog.accept());
        String email = "dashboard-" + UUID.randomUUID() + "@example.test";

        // Sign up.
        page.navigate(system.gatewayUrl + "/");
        page.getByText("Create an account").click();
        screenshot(page, "01-sign-up");
        page.locator("input[name=name]").fill("Dana");
        page.locator("input[name=email]").fill(email);
        page.locator("input[name=password]").fill("correct horse 1");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator(".who")).hasText(email);

        // Claim the daily credits: the balance shows them, the button gives way to the countdown.
        page.locator("[data-testid=claim]").click();
        assertThat(page.locator("[role=status]")).containsText("free credits added");
        assertThat(page.locator("[data-testid=next-claim]")).isVisible();
        assertThat(page.locator("[data-testid=balance]")).not().hasText("0");

        // Create a test key: the full key is shown once.
        page.navigate(system.gatewayUrl + "/#/keys");
        assertThat(page.getByText("No API keys yet")).isVisible();
        page.locator("input[name=key-name]").fill("e2e");
        page.locator("select[name=key-mode]").selectOption("test");
        page.locator("[data-testid=create-key]").click();
        String key = page.locator("[data-testid=full-key]").textContent();
        assertTrue(key.startsWith("sk_test_"), key);
        screenshot(page, "03-key-created");
        page.locator("[data-testid=dismiss-key]").click();
        assertThat(page.locator("[data-testid=key-e2e]")).isVisible();
        assertFalse(page.content().contains(key), "the full key is gone once dismissed");
        page.reload();
        assertThat(page.locator("[data-testid=key-e2e]")).isVisible();
        assertFalse(page.content().contains(key), "and never shown again");
        screenshot(page, "04-keys");

        // A test-mode solve submitted with curl shows up live, without a reload.
        page.navigate(system.gatewayUrl + "/#/solves");
        assertThat(page.locator("[data-testid=live-empty]")).isVisible();
        awaitCurlStatus(key, "{}", "400"); // the key has reached the gateway
        String created = awaitCurlStatus(key,
                "{\"siteKey\":\"" + PASS_SITE_KEY + "\",\"pageUrl\":\"https://shop.example/e2e\"}", "202");
        String id = created.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertThat(page.locator("[data-testid=live-" + id + "] .status")).hasText("solved");
        screenshot(page, "05-solves-live");

        // Its detail, then history.
        page.locator("[data-testid=live-" + id + "] a").click();
        assertThat(page.locator("[data-testid=detail-status]")).hasText("solved");
        assertThat(page.locator("[data-testid=solve-detail]")).containsText("XXXX.DUMMY.TOKEN.XXXX");
        screenshot(page, "06-solve-detail");
        page.navigate(system.gatewayUrl + "/#/solves");
        assertThat(page.locator("[data-testid=history-" + id + "]")).containsText("shop.example/e2e");
        screenshot(page, "07-history");

        // The overview with figures and charts; the credits screen.
        page.navigate(system.gatewayUrl + "/#/");
        assertThat(page.locator("[data-testid=solves-today]")).hasText("1");
        assertThat(page.locator("[data-testid=chart-solves]")).isVisible();
        screenshot(page, "02-overview");
        page.navigate(system.gatewayUrl + "/#/billing");
        assertThat(page.locator("[data-testid=transactions]")).containsText("Daily free credits");
        screenshot(page, "08-credits");

        // The run command's payments are a sandbox, and the screen says so.
        assertThat(page.locator("[data-testid=sandbox-notice]")).containsText("Sandbox");

        // Crypto: the payment screen shows where to pay; the customer pays with the sandbox wallet, and the screen
        // follows the payment (the provider's signed callbacks) to finished.
        page.locator("[data-testid=package-starter] button.secondary").click();
        assertThat(page.locator("[data-testid=payment-status]")).hasText("waiting");
        screenshot(page, "09-crypto-payment");
        page.locator("[data-testid=sandbox-wallet]").click();
        assertThat(page.locator("h1")).hasText("Crypto wallet (sandbox)");
        page.locator("[data-testid=sandbox-send]").click();
        page.waitForURL(system.gatewayUrl + "/#/billing");
        assertThat(page.locator("[data-testid=transactions]")).containsText("Purchase");
        assertThat(page.locator("[data-testid=transactions]")).containsText("+1000");

        // Card: the customer is sent to the sandbox's Stripe Checkout, pays, and returns with the credits.
        page.locator("[data-testid=package-starter] button:not(.secondary)").click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/checkout/cs_test_.*"));
        assertThat(page.locator("h1")).hasText("Stripe Checkout (sandbox)");
        page.locator("[data-testid=sandbox-pay]").click();
        page.waitForURL(java.util.regex.Pattern.compile(".*/#/billing\\?checkout=success"));
        assertThat(page.locator("[data-testid=transactions] tbody tr")).hasCount(3);
        assertThat(page.locator("[data-testid=transactions] tbody tr").first()).containsText("Purchase");

        // Revoke (delete) the key: the same curl is refused.
        page.navigate(system.gatewayUrl + "/#/keys");
        page.locator("[data-testid=key-e2e] [data-testid=delete]").click();
        assertThat(page.getByText("No API keys yet")).isVisible();
        String refused = awaitCurlStatus(key,
                "{\"siteKey\":\"" + PASS_SITE_KEY + "\",\"pageUrl\":\"https://shop.example/e2e\"}", "401");
        assertTrue(refused.contains("UNAUTHORIZED"), refused);

        // Signing out returns to the sign-in screen.
        page.locator("[data-testid=sign-out]").click();
        assertThat(page.getByText("Sign in to your dashboard")).isVisible();
        assertTrue(Files.list(SCREENSHOTS).filter(p -> p.getFileName().toString().matches("0[1-9]-.*\\.png")).count() == 9,
                "a screenshot of each main screen");
    }
}
