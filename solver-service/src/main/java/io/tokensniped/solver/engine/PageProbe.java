package io.tokensniped.solver.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Page;

/**
 * Reading the page's own state with a deadline. {@code page.evaluate} has none: a page whose script keeps its main
 * thread busy would hold the solve's worker forever. {@code waitForFunction} is bounded by Playwright itself, and a
 * function that answers with a string leaves nothing to read back from the (possibly busy again) page.
 */
final class PageProbe {

    /** The function answers at its first call; polling (not animation frames) keeps a hidden page from waiting for a paint. */
    private static final double POLL_MILLIS = 10;
    /** A page that cannot answer a one-line read in this time is busy (a script holding its main thread). */
    static final java.time.Duration ANSWER_WITHIN = java.time.Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    private PageProbe() {
    }

    /**
     * Runs {@code function} (JavaScript {@code arg => object}) in the page and returns what it answered. Throws
     * Playwright's TimeoutError when the page does not answer within {@code timeoutMillis}.
     */
    static Map<String, Object> read(Page page, String function, Object arg, double timeoutMillis) {
        return parse(page.waitForFunction("arg => JSON.stringify((" + function + ")(arg))", arg,
                new Page.WaitForFunctionOptions().setTimeout(timeoutMillis).setPollingInterval(POLL_MILLIS)));
    }

    /**
     * Waits inside the page until {@code function} (JavaScript {@code arg => ({phase, ...})}) answers one of
     * {@code phases}, and returns that answer. The page re-runs the function itself every few milliseconds, so the
     * answer arrives as soon as the page shows it, with no round trip per look. Throws Playwright's TimeoutError when
     * no such answer came within {@code timeoutMillis} (or the page's script held its main thread all along).
     */
    static Map<String, Object> awaitPhase(Page page, String function, Object arg, Collection<String> phases,
            double timeoutMillis) {
        String wrapped = "({arg, phases}) => { const state = (" + function + ")(arg);"
                + " return phases.includes(state.phase) ? JSON.stringify(state) : null; }";
        Map<String, Object> args = new HashMap<>();
        args.put("arg", arg);
        args.put("phases", List.copyOf(phases));
        return parse(page.waitForFunction(wrapped, args,
                new Page.WaitForFunctionOptions().setTimeout(timeoutMillis).setPollingInterval(POLL_MILLIS)));
    }

    private static Map<String, Object> parse(JSHandle handle) {
        try {
            return JSON.readValue((String) handle.jsonValue(), STATE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the page answered a probe with something that is not JSON", e);
        }
    }
}
