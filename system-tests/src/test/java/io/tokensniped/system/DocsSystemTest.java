package io.tokensniped.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;

/**
 * The docs at /docs on the running system: the six guides, the API reference rendered from the gateway's generated
 * OpenAPI, the event catalogue rendered from the AsyncAPI file; both documents pass the linter; and every code
 * sample of docs/examples runs green against the system with a test-mode key.
 */
@Order(8)
class DocsSystemTest {

    static final Path ROOT = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    static final String TEST_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
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

    /** Runs a command to its end; returns its exit code and output. */
    static Map.Entry<Integer, String> run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS), String.join(" ", command) + " ended");
        return Map.entry(process.exitValue(), output);
    }

    @Test
    void theDocsShowEveryGuideTheApiReferenceAndTheEventCatalogue() {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
        Map<String, String> guides = Map.of("introduction", "Introduction", "quick-start", "Quick Start",
                "faq", "Frequently Asked Questions", "code-examples", "Code Examples", "error-handling", "Error Handling",
                "best-practices", "Best Practices", "solvable-pages", "What pages can be solved",
                "switching-providers", "Switching from another provider");
        guides.forEach((id, title) -> {
            page.navigate(system.gatewayUrl + "/docs/#/" + id);
            assertThat(page.locator("article h1")).hasText(title);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("docs-" + id + ".png")).setFullPage(true));
        });
        page.navigate(system.gatewayUrl + "/docs/#/code-examples");
        page.getByText("Python (requests)").click();
        assertThat(page.locator("[data-testid=sample]")).containsText("import requests");

        page.navigate(system.gatewayUrl + "/docs/#/api");
        // Forwarded routes come from META-INF/openapi.yaml, the solve routes from the gateway's code.
        assertThat(page.locator("[data-testid=api-reference]")).containsText("Create an API key");
        assertThat(page.locator("[data-testid=api-reference]")).containsText("/api/solve/turnstile");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("docs-api-reference.png")));

        page.navigate(system.gatewayUrl + "/docs/#/events");
        assertThat(page.locator("[data-testid=event-catalogue]")).containsText("SolveRequested");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("docs-events.png")));
    }

    @Test
    void theGeneratedOpenApiAndTheAsyncApiDocumentPassTheLinter() throws Exception {
        HttpResponse<String> openapi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.gatewayUrl + "/q/openapi")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/solve/turnstile:") && openapi.body().contains("/api/keys:")
                && openapi.body().contains("/createTask:"),
                "generated and described routes in one document");
        Path document = Files.writeString(Path.of("target", "openapi.yaml").toAbsolutePath(), openapi.body());
        Path tools = ROOT.resolve("docs/tools");
        if (!Files.isDirectory(tools.resolve("node_modules"))) {
            assertEquals(0, run(tools, Map.of(), "npm", "ci", "--no-audit", "--no-fund").getKey());
        }
        Map.Entry<Integer, String> lint = run(tools, Map.of(), "npx", "redocly", "lint", document.toString(),
                ROOT.resolve("docs/asyncapi.yaml").toString());
        assertEquals(0, lint.getKey(), lint.getValue());
        assertTrue(lint.getValue().contains("valid"), lint.getValue());
    }

    @Test
    void everyCodeSampleRunsAgainstTheRunningSystem() throws Exception {
        String key = Customers.withTestKey(system, "samples").apiKey();
        Path examples = ROOT.resolve("docs/examples");
        Map<String, String> env = Map.of("TOKENSNIPED_URL", system.gatewayUrl, "TOKENSNIPED_API_KEY", key);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (List<String> sample : List.of(List.of("bash", "solve.sh"), List.of("node", "solve.js"),
                List.of("python3", "solve.py"),
                List.of(java, "Solve.java"))) {
            Map.Entry<Integer, String> result = run(examples, env, sample.toArray(String[]::new));
            assertEquals(0, result.getKey(), sample + ": " + result.getValue());
            assertTrue(result.getValue().contains(TEST_TOKEN), sample + " printed the token: " + result.getValue());
        }
    }
}
