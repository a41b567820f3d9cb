package io.tokensniped.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import io.tokensniped.localstack.testing.WebhookReceiver;
import io.tokensniped.system.Customers.Customer;

/**
 * Every dashboard and docs page as a customer sees it on a laptop (1280×900) and on a phone (390×844): nothing is wider
 * than the window, the console shows no error, no request fails, and axe-core finds no serious or critical
 * accessibility violation. A full-page screenshot of each page at each width is kept under
 * target/screenshots/pages (CI's artefacts).
 * <p>
 * axe-core checks every page at the laptop width, and at the phone width the pages whose markup changes with the width
 * (the shells: sign-in, the dashboard's menu, the docs' menu). A page's own content is the same markup at both widths;
 * checking it twice cost about a minute and a half of this suite (Redoc's reference alone ~25 s per check).
 */
@Order(9)
class PagesAtTwoWidthsSystemTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots", "pages");
    static final String PASS_SITE_KEY = "1x00000000000000000000AA";
    static final String SESSION_COOKIE = "better-auth.session_token";
    static final List<String> BLOCKING_IMPACTS = List.of("serious", "critical");

    record Width(String name, int width, int height) {
    }

    static final List<Width> WIDTHS = List.of(new Width("laptop", 1280, 900), new Width("phone", 390, 844));

    /** A page to visit: where, what shows it is ready, and answers that are its design (e.g. the signed-out 401). */
    record Visit(String name, String path, Consumer<Page> ready, List<String> expectedFailures) {

        Visit(String name, String path, Consumer<Page> ready) {
            this(name, path, ready, List.of());
        }
    }

    /** The pages whose markup differs between the widths: the shells with their collapsible menus. */
    static final List<String> SHELLS = List.of("sign-in", "overview", "docs");

    static boolean axeChecks(Width width, Visit visit) {
        return width.equals(WIDTHS.get(0)) || SHELLS.contains(visit.name());
    }

    static RunningSystem system;
    static Browsers browsers;
    static Browser browser;
    static Customer customer;
    static String solveId;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        Files.createDirectories(SCREENSHOTS);
        browsers = Browsers.chromium();
        browser = browsers.browser;
        // A customer with something on every page: claimed credits, a test key, one solve in history, a host to verify.
        customer = Customers.withTestKey(system, "pages");
        Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token()).post("/api/billing/daily-claim")
                .then().statusCode(200);
        solveId = Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .body("{\"siteKey\":\"" + PASS_SITE_KEY + "\",\"pageUrl\":\"https://shop.example/pages\"}")
                .post("/api/solve/turnstile").then().statusCode(200).extract().path("id");
        Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token())
                .body("{\"host\":\"shop.example\"}")
                .post("/api/targets").then().statusCode(201);
        // A webhook endpoint (at the run's allowed test receiver, which verifies with the secret shown once).
        WebhookReceiver receiver = SharedSystem.webhookReceiver();
        String hook = "pages-" + java.util.UUID.randomUUID();
        String secret = Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + customer.token())
                .body("{\"url\":\"" + receiver.hook(hook) + "\",\"eventTypes\":[\"solve.succeeded\",\"balance.low\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().path("secret");
        receiver.configure(hook, List.of(secret), 0);
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    static List<Visit> dashboardPages() {
        return List.of(
                new Visit("overview", "/#/", page -> assertThat(page.locator("[data-testid=chart-solves]")).isVisible()),
                new Visit("solves", "/#/solves",
                        page -> assertThat(page.locator("[data-testid=history-" + solveId + "]")).isVisible()),
                new Visit("solve-detail", "/#/solves/" + solveId,
                        page -> assertThat(page.locator("[data-testid=detail-status]")).hasText("solved")),
                new Visit("keys", "/#/keys", page -> assertThat(page.locator("[data-testid=key-pages]")).isVisible()),
                new Visit("credits", "/#/billing", page -> {
                    assertThat(page.locator("[data-testid=transactions]")).isVisible();
                    assertThat(page.locator("[data-testid=price-turnstile]")).isVisible();
                }),
                new Visit("targets", "/#/targets",
                        page -> assertThat(page.locator("[data-testid='target-shop.example'] [data-testid=verification-token]"))
                                .isVisible()),
                new Visit("account", "/#/account", page -> assertThat(page.locator("[data-testid=password-form]")).isVisible()),
                new Visit("webhooks", "/#/webhooks", page -> {
                    assertThat(page.locator("[data-testid^=endpoint-]")).isVisible();
                    assertThat(page.locator("[data-testid=callbacks]")).isVisible();
                }),
                new Visit("not-found", "/#/no-such-page",
                        page -> assertThat(page.locator("[data-testid=not-found]")).isVisible()));
    }

    static List<Visit> docsPages() {
        List<Visit> visits = new ArrayList<>();
        // Typed without the slash, as people do: it must lead to the docs.
        visits.add(new Visit("docs", "/docs", page -> assertThat(page.locator("article h1")).hasText("Introduction")));
        Map.of("introduction", "Introduction", "quick-start", "Quick Start", "faq", "Frequently Asked Questions",
                "code-examples", "Code Examples", "error-handling", "Error Handling", "best-practices", "Best Practices")
                .forEach((id, title) -> visits.add(new Visit("docs-" + id, "/docs/#/" + id,
                        page -> assertThat(page.locator("article h1")).hasText(title))));
        visits.add(new Visit("docs-pricing", "/docs/#/pricing",
                page -> assertThat(page.locator("[data-testid=price-turnstile]")).isVisible()));
        visits.add(new Visit("docs-api", "/docs/#/api",
                page -> assertThat(page.locator("[data-testid=api-reference]")).containsText("/api/solve/turnstile")));
        visits.add(new Visit("docs-events", "/docs/#/events",
                page -> assertThat(page.locator("[data-testid=event-catalogue]")).containsText("SolveRequested")));
        return visits;
    }

    @Test
    void everyDashboardPageFitsTheWindowWithoutErrorsOrAccessibilityViolations() {
        List<String> problems = new ArrayList<>();
        for (Width width : WIDTHS) {
            // Signed out: the sign-in screen. Its session check answering 401 is how it learns nobody is signed in.
            try (BrowserContext context = browser
                    .newContext(new Browser.NewContextOptions().setViewportSize(width.width(), width.height()))) {
                problems.addAll(visit(context, width, new Visit("sign-in", "/",
                        page -> assertThat(page.getByText("Sign in to your dashboard")).isVisible(),
                        List.of("401 /api/auth/get-session"))));
            }
            try (BrowserContext context = signedIn(width)) {
                for (Visit visit : dashboardPages()) {
                    problems.addAll(visit(context, width, visit));
                }
            }
        }
        assertTrue(problems.isEmpty(), "\n" + String.join("\n", problems));
    }

    @Test
    void everyDocsPageFitsTheWindowWithoutErrorsOrAccessibilityViolations() {
        List<String> problems = new ArrayList<>();
        for (Width width : WIDTHS) {
            try (BrowserContext context = browser
                    .newContext(new Browser.NewContextOptions().setViewportSize(width.width(), width.height()))) {
                for (Visit visit : docsPages()) {
                    problems.addAll(visit(context, width, visit));
                }
            }
        }
        assertTrue(problems.isEmpty(), "\n" + String.join("\n", problems));
    }

    /** A browser signed in as the customer: its session cookie, as sign-in would have set it. */
    static BrowserContext signedIn(Width width) {
        BrowserContext context = browser
                .newContext(new Browser.NewContextOptions().setViewportSize(width.width(), width.height()));
        context.addCookies(List.of(new Cookie(SESSION_COOKIE, customer.token()).setUrl(system.gatewayUrl + "/")));
        return context;
    }

    /** Opens one page in a fresh tab, waits until it shows what it is for, and lists whatever is wrong with it. */
    static List<String> visit(BrowserContext context, Width width, Visit visit) {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                seen.add("console error: " + message.text());
            }
        });
        page.onPageError(error -> seen.add("uncaught: " + error));
        page.onRequestFailed(request -> seen.add("request failed: " + request.url() + " " + request.failure()));
        page.onResponse(response -> {
            if (response.status() >= 400) {
                seen.add(response.status() + " " + URI.create(response.url()).getPath());
            }
        });
        long started = System.nanoTime();
        long shown = started;
        long checked = started;
        try {
            page.navigate(system.gatewayUrl + visit.path());
            visit.ready().accept(page);
            shown = System.nanoTime();
            Number scrollWidth = (Number) page
                    .evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
            Number innerWidth = (Number) page.evaluate("() => window.innerWidth");
            if (scrollWidth.intValue() > innerWidth.intValue()) {
                seen.add("wider than the window: scrollWidth " + scrollWidth + " > innerWidth " + innerWidth + widest(page));
            }
            List<Rule> violations = !axeChecks(width, visit)
                    ? List.of()
                    : new AxeBuilder(page).analyze().getViolations().stream()
                            .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact())).toList();
            checked = System.nanoTime();
            for (Rule rule : violations) {
                seen.add("axe " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().limit(3).map(node -> String.valueOf(node.getTarget()))
                                .collect(Collectors.joining(", ")));
            }
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(width.name()).resolve(visit.name() + ".png"))
                            .setFullPage(true));
            // Where this suite's minutes go, page by page (it is one of the longest of the system tests).
            System.out.printf("%s %s: shown %d ms, axe %d ms, screenshot %d ms%n", width.name(), visit.name(),
                    (shown - started) / 1_000_000, (checked - shown) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
        } catch (RuntimeException | AssertionError e) {
            seen.add("did not show: " + e.getMessage().lines().findFirst().orElse(""));
        }
        page.close();
        List<String> problems = new ArrayList<>(seen);
        for (String expected : visit.expectedFailures()) {
            // The answer itself, and the line Chromium logs for it ("... responded with a status of 401 ...").
            problems.remove(expected);
            problems.remove(
                    problems.stream().filter(p -> p.contains("status of " + expected.substring(0, 3))).findFirst().orElse(""));
        }
        return problems.stream().map(problem -> width.name() + " " + visit.name() + ": " + problem).toList();
    }

    /** Names the elements that stick out past the window, to say what to fix. */
    static String widest(Page page) {
        return " (" + page.evaluate("() => [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')"
                + " + '@' + Math.round(e.getBoundingClientRect().right)).join(', ')") + ")";
    }
}
