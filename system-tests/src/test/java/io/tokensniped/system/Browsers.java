package io.tokensniped.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/** Debian's Chromium under Playwright for the system tests that use the web app as a customer does. */
final class Browsers implements AutoCloseable {

    static final Duration ASSERTION_TIMEOUT = Duration.ofSeconds(20);

    final Playwright playwright;
    final Browser browser;

    private Browsers(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Playwright never downloads a browser here: it drives /usr/bin/chromium (or CHROMIUM_PATH). */
    static Browsers chromium() {
        Playwright playwright = Playwright
                .create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
        PlaywrightAssertions.setDefaultAssertionTimeout(ASSERTION_TIMEOUT.toMillis());
        return new Browsers(playwright, browser);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
