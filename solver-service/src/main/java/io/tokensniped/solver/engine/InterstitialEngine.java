package io.tokensniped.solver.engine;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Interstitial: open the URL, let the "checking your browser" page run its JavaScript, and wait until it gives way
 * to the real page; return the cookies the site set, the user agent, the final URL and its status. A challenge that
 * asks for a person (a checkbox) is INTERACTIVE_CHALLENGE, one that ends on an error page refused this browser.
 */
@ApplicationScoped
public class InterstitialEngine implements SolveEngine {

    /** Cloudflare marks its challenge responses with this header; the lab imitates it. */
    private static final String MITIGATED_HEADER = "cf-mitigated";
    private static final Pattern CHALLENGE_PAGE = Pattern.compile(
            "<title>\\s*(just a moment|checking your browser|attention required)|id=\"challenge-form\"", Pattern.CASE_INSENSITIVE);
    private static final List<Integer> CHALLENGE_STATUSES = List.of(403, 429, 503);
    private static final int FIRST_ERROR_STATUS = 400;
    private static final int FIRST_REDIRECT_STATUS = 300;

    @Override
    public SolveType type() {
        return SolveType.INTERSTITIAL;
    }

    @Override
    public Solution solve(SolveSession session) throws SolveFailure {
        Page page = session.page();
        AtomicReference<Response> document = new AtomicReference<>();
        List<String> pageErrors = new CopyOnWriteArrayList<>();
        page.onResponse(r -> {
            // The main frame's documents, skipping redirect hops: the page the browser ends up showing.
            boolean redirect = r.status() >= FIRST_REDIRECT_STATUS && r.status() < FIRST_ERROR_STATUS;
            if (r.request().isNavigationRequest() && r.frame() == page.mainFrame() && !redirect) {
                document.set(r);
            }
        });
        page.onPageError(pageErrors::add);
        Response first = PageNavigation.open(page, session.job().target().pageUrl(), session);
        if (first == null || !isChallenge(first)) {
            throw new SolveFailure(SolveFailure.CHALLENGE_NOT_FOUND, "the page showed no challenge"
                    + (first == null ? "" : " (HTTP " + first.status() + ")"));
        }
        // The challenge may already have moved on while the navigation's result travelled back: never go back to it.
        document.compareAndSet(null, first);
        try {
            while (!session.expired()) {
                Response current = document.get();
                if (!isChallenge(current)) {
                    return cleared(session, page, current);
                }
                if (WidgetWatch.visibleWithin(page, "body", "input[type=checkbox]")) {
                    throw new SolveFailure(SolveFailure.INTERACTIVE_CHALLENGE,
                            "the challenge page asks for human interaction (a checkbox), which this API does not perform");
                }
                page.waitForTimeout(session.pollInterval().toMillis());
            }
        } catch (PlaywrightException e) {
            if (!session.expired()) {
                throw PageNavigation.networkFailure(e, session);
            }
        }
        throw new SolveFailure(SolveFailure.SOLVE_TIMEOUT, "the challenge page did not give way before the deadline"
                + (pageErrors.isEmpty() ? "" : " (its script failed: " + pageErrors.get(0) + ")"));
    }

    private static Solution cleared(SolveSession session, Page page, Response document) throws SolveFailure {
        if (document.status() >= FIRST_ERROR_STATUS) {
            throw new SolveFailure(SolveFailure.INTERACTIVE_CHALLENGE, "the challenge refused this browser: the site answered HTTP "
                    + document.status() + "; only a person could go further");
        }
        List<Solution.Cookie> cookies = session.context().cookies(document.url()).stream().map(InterstitialEngine::cookie).toList();
        return new Solution.Interstitial(cookies, (String) page.evaluate("() => navigator.userAgent"), document.url(),
                document.status());
    }

    private static boolean isChallenge(Response response) {
        if ("challenge".equalsIgnoreCase(response.headerValue(MITIGATED_HEADER))) {
            return true;
        }
        if (!CHALLENGE_STATUSES.contains(response.status())) {
            return false;
        }
        try {
            return CHALLENGE_PAGE.matcher(response.text()).find();
        } catch (PlaywrightException e) {
            return false;
        }
    }

    private static Solution.Cookie cookie(Cookie c) {
        String sameSite = c.sameSite == null ? null
                : c.sameSite.name().charAt(0) + c.sameSite.name().substring(1).toLowerCase(Locale.ROOT);
        return new Solution.Cookie(c.name, c.value, c.domain, c.path, c.expires == null ? -1 : c.expires,
                Boolean.TRUE.equals(c.httpOnly), Boolean.TRUE.equals(c.secure), sameSite);
    }
}
