package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.tokensniped.system.Customers.Customer;

/**
 * Every stream opens at once, even with nothing to say yet: a browser's EventSource, signed in with the dashboard's
 * session cookie, fires "open" for each stream of a brand-new account (no solve yet) long before the first keep-alive
 * would have gone out (7 s and more). Prints how long each took.
 */
class StreamsOpenAtOnceSystemTest {

    /** Far below the keep-alive interval, so only headers sent at once can meet it, with room for a loaded machine. */
    static final long OPEN_WITHIN_MS = 1000;
    static RunningSystem system;
    static Browsers browsers;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        browsers = Browsers.chromium();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventSourceOpensAtOnceOnEveryStreamOfANewAccount() throws Exception {
        String email = "streams-" + java.util.UUID.randomUUID() + "@example.test";
        Customers.gw(system.gatewayUrl).body("{\"email\":\"" + email + "\",\"password\":\"" + Customers.PASSWORD
                + "\",\"name\":\"streams\"}").post("/api/auth/sign-up/email").then().statusCode(200);
        Customer customer = Customers.withTestKey(system, "streams-solve");
        String solveId = Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .header("Prefer", "respond-async")
                .body("{\"siteKey\":\"4x00000000000000000000SL\",\"pageUrl\":\"https://shop.example/slow\"}")
                .post("/api/solve/turnstile").then().statusCode(202).extract().path("id");
        try (var context = browsers.browser.newContext()) {
            Page page = context.newPage();
            // Any page of the gateway's origin: the session cookie and EventSource are same-origin, as in the dashboard.
            page.navigate(system.gatewayUrl + "/docs/");
            Object signedIn = page.evaluate(
                    "async ([email, password]) => (await fetch('/api/auth/sign-in/email', {method: 'POST',"
                            + " credentials: 'same-origin', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({email, password})})).status",
                    List.of(email, Customers.PASSWORD));
            assertTrue(((Number) signedIn).intValue() == 200, "signed in: " + signedIn);
            String script = """
                    (path) => new Promise((resolve) => {
                      const begun = performance.now();
                      const source = new EventSource(path, { withCredentials: true });
                      const done = (outcome) => { source.close(); resolve({ outcome, ms: performance.now() - begun }); };
                      source.onopen = () => done('open');
                      source.onerror = () => done('error');
                      setTimeout(() => done('silent'), 10000);
                    })""";
            for (String path : List.of("/api/stream/solves", "/api/stream/dashboard")) {
                Map<String, Object> r = (Map<String, Object>) page.evaluate(script, path);
                double ms = ((Number) r.get("ms")).doubleValue();
                System.out.printf("EventSource %s: %s after %.1f ms%n", path, r.get("outcome"), ms);
                assertTrue("open".equals(r.get("outcome")) && ms <= OPEN_WITHIN_MS, path + ": " + r);
            }
            // A solve's own stream (API key only, so no browser): its first bytes come at once too.
            long begun = System.nanoTime();
            var connection = (java.net.HttpURLConnection) java.net.URI
                    .create(system.gatewayUrl + "/api/solve/" + solveId + "/stream")
                    .toURL().openConnection();
            connection.setRequestProperty("x-api-key", customer.apiKey());
            connection.setRequestProperty("Accept", "text/event-stream");
            int status = connection.getResponseCode();
            long ms = (System.nanoTime() - begun) / 1_000_000;
            connection.disconnect();
            System.out.printf("/api/solve/{id}/stream: %d after %d ms%n", status, ms);
            assertTrue(status == 200 && ms <= OPEN_WITHIN_MS, "solve stream " + status + " after " + ms + " ms");
        }
    }
}
