package io.tokensniped.solver.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.WaitUntilState;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Interstitial: open the URL, let the "checking your browser" page run, and wait until it gives way to the real page;
 * return the cookies the site set, the user agent, the final URL and its status. Every main-frame document is
 * recorded as its response arrives ({@code onResponse}) and looked at while it is on screen, so a challenge that
 * clears in milliseconds is seen clearing rather than mistaken for a page without one, and no vendor's strings or
 * status codes are needed: {@link DocumentTrail} holds the rule. A challenge that asks for a person (a checkbox) is
 * INTERACTIVE_CHALLENGE, one that ends on a static error page refused this browser.
 */
@ApplicationScoped
public class InterstitialEngine implements SolveEngine {

    /** The best-known vendor marks its challenge responses with this header; one signal among others. */
    private static final String MITIGATED_HEADER = "cf-mitigated";
    private static final int FIRST_REDIRECT_STATUS = 300;
    private static final int FIRST_ERROR_STATUS = 400;
    /**
     * What a document shows: read from its DOM (never its response body, which is gone once the page moved on).
     * Marked: words challenge pages use in their title or first heading, or an element named for a challenge.
     */
    private static final String LOOK = """
            () => {
              const nav = performance.getEntriesByType('navigation')[0];
              const heading = document.querySelector('h1, h2');
              const words = (document.title + ' ' + (heading ? heading.textContent : '')).toLowerCase();
              const marked = /just a moment|checking (your|the|if)|verif(y|ying) (you|your|that)|are you (a )?human|please wait|one moment|attention required|security check|browser check|ddos/.test(words)
                || !!document.querySelector('[id*="challenge" i], form[class*="challenge" i], [data-challenge]');
              const refresh = !!document.querySelector('meta[http-equiv="refresh" i]');
              const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
              return { url: location.href, status: (nav && nav.responseStatus) || 0, parsed: document.readyState !== 'loading',
                       marked, active: refresh || document.scripts.length > 0, title: document.title.slice(0, 120),
                       asksForPerson: [...document.querySelectorAll('input[type=checkbox]')].some(visible),
                       userAgent: navigator.userAgent };
            }""";

    @Override
    public SolveType type() {
        return SolveType.INTERSTITIAL;
    }

    @Override
    public Solution solve(SolveSession session) throws SolveFailure {
        Page page = session.page();
        String url = session.job().target().pageUrl();
        DocumentTrail trail = new DocumentTrail(url);
        PageActivity activity = new PageActivity();
        NavigationOrder navigations = new NavigationOrder();
        page.onRequest(r -> {
            if (r.isNavigationRequest() && r.frame() == page.mainFrame()) {
                navigations.started(r);
            }
            activity.request(r);
        });
        page.onResponse(r -> {
            // The main frame's documents, skipping redirect hops: what the browser shows, one after the other.
            boolean redirect = r.status() >= FIRST_REDIRECT_STATUS && r.status() < FIRST_ERROR_STATUS;
            if (r.request().isNavigationRequest() && r.frame() == page.mainFrame() && !redirect) {
                trail.document(navigations.of(r.request()), r.url(), r.status(),
                        "challenge".equalsIgnoreCase(r.headerValue(MITIGATED_HEADER)));
            }
        });
        page.onPageError(activity::scriptError);
        // Committed is enough: the trail follows whatever the page does next; waiting for the first document to load
        // would be interrupted by a challenge that clears first.
        Response first = PageNavigation.open(page, url, session, WaitUntilState.COMMIT);
        if (first != null) {
            // Usually announced already; counted once either way.
            trail.document(navigations.of(first.request()), first.url(), first.status(),
                    "challenge".equalsIgnoreCase(first.headerValue(MITIGATED_HEADER)));
        }
        long appearBy = System.nanoTime() + session.challengeAppearTimeout().toNanos();
        AtomicReference<String> userAgent = new AtomicReference<>();
        try {
            while (!session.expired()) {
                lookAt(page, trail, activity, userAgent, session);
                DocumentTrail.Verdict verdict = trail.verdict(System.nanoTime() > appearBy);
                if (verdict instanceof DocumentTrail.Verdict.Cleared cleared) {
                    return cleared(session, cleared.document(), userAgent.get());
                }
                if (verdict instanceof DocumentTrail.Verdict.Refused refused) {
                    throw new SolveFailure(SolveErrorCode.INTERACTIVE_CHALLENGE, "the challenge refused this browser: the site "
                            + "answered HTTP " + refused.document().status() + "; only a person could go further");
                }
                if (verdict instanceof DocumentTrail.Verdict.NeedsPerson) {
                    throw new SolveFailure(SolveErrorCode.INTERACTIVE_CHALLENGE,
                            "the challenge page asks for human interaction (a checkbox), which this API does not perform");
                }
                if (verdict instanceof DocumentTrail.Verdict.NoChallenge none) {
                    throw new SolveFailure(SolveErrorCode.CHALLENGE_NOT_FOUND, none.why());
                }
                // Until a new document arrives (woken at once) or it is time to look again.
                int known = trail.size();
                try {
                    page.waitForCondition(() -> trail.size() != known, new Page.WaitForConditionOptions()
                            .setTimeout(Math.min(session.pollInterval().toMillis(), session.remainingMillis())));
                } catch (TimeoutError e) {
                    // nothing new: look again
                }
            }
        } catch (TimeoutError e) {
            // the deadline passed inside a Playwright call
        } catch (PlaywrightException e) {
            if (!session.expired()) {
                throw PageNavigation.networkFailure(e, session);
            }
        }
        throw new SolveFailure(SolveErrorCode.SOLVE_TIMEOUT, "the challenge did not give way before the deadline: "
                + trail.describe() + activity.describe());
    }

    /** Looks at the current document, if the page answers within the time left; a busy page is noted, not waited on. */
    private static void lookAt(Page page, DocumentTrail trail, PageActivity activity, AtomicReference<String> userAgent,
            SolveSession session) {
        int known = trail.size();
        Map<String, Object> look;
        try {
            look = PageProbe.read(page, LOOK, null, Math.min(PageProbe.ANSWER_WITHIN.toMillis(), session.remainingMillis()));
        } catch (TimeoutError e) {
            activity.busy();
            return;
        } catch (PlaywrightException e) {
            // the document went away while being read (a navigation): the next look is at its successor
            return;
        }
        activity.answered();
        userAgent.set((String) look.get("userAgent"));
        trail.look(new DocumentTrail.Look((String) look.get("url"), ((Number) look.get("status")).intValue(),
                Boolean.TRUE.equals(look.get("parsed")), Boolean.TRUE.equals(look.get("marked")),
                Boolean.TRUE.equals(look.get("active")), Boolean.TRUE.equals(look.get("asksForPerson")),
                (String) look.get("title")), known);
    }

    private static Solution cleared(SolveSession session, DocumentTrail.Document document, String userAgent) {
        List<Solution.Cookie> cookies = session.context().cookies(document.url()).stream().map(InterstitialEngine::cookie)
                .toList();
        return new Solution.Interstitial(cookies, userAgent, document.url(), document.status());
    }

    private static Solution.Cookie cookie(Cookie c) {
        String sameSite = c.sameSite == null
                ? null
                : c.sameSite.name().charAt(0) + c.sameSite.name().substring(1).toLowerCase(Locale.ROOT);
        return new Solution.Cookie(c.name, c.value, c.domain, c.path, c.expires == null ? -1 : c.expires,
                Boolean.TRUE.equals(c.httpOnly), Boolean.TRUE.equals(c.secure), sameSite);
    }

    /**
     * The order in which the main frame's navigation requests started: the order of the documents. Responses are not
     * announced in that order: under load Playwright announced a challenge's response after that of the page its
     * script had already moved on to (issue 20: a 429 cleared within a second, announced second, and was taken for the
     * page on screen until the deadline).
     */
    static final class NavigationOrder {

        private final Map<Request, Long> started = new ConcurrentHashMap<>();
        private final AtomicLong next = new AtomicLong();

        void started(Request request) {
            started.computeIfAbsent(request, r -> next.getAndIncrement());
        }

        /** The request's place; one whose start went unseen takes the next (arrival order, the best left). */
        long of(Request request) {
            return started.computeIfAbsent(request, r -> next.getAndIncrement());
        }
    }

    /** What the page was doing, for the message of a challenge that never cleared. */
    static final class PageActivity {

        private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
        private volatile int requests;
        private volatile String lastRequest;
        private volatile long lastRequestAt;
        private volatile boolean busy;

        void request(Request request) {
            requests++;
            lastRequest = request.method() + " " + request.url();
            lastRequestAt = System.nanoTime();
        }

        void scriptError(String error) {
            scriptErrors.add(error);
        }

        void busy() {
            busy = true;
        }

        void answered() {
            busy = false;
        }

        String describe() {
            StringBuilder out = new StringBuilder();
            if (busy) {
                out.append("; its script kept the page busy (it did not answer for ")
                        .append(PageProbe.ANSWER_WITHIN.toSeconds())
                        .append(" s)");
            }
            if (lastRequest != null) {
                out.append("; it made ").append(requests).append(requests == 1 ? " request" : " requests")
                        .append(", the last (")
                        .append(lastRequest).append(") ").append((System.nanoTime() - lastRequestAt) / 1_000_000)
                        .append(" ms before the end");
            }
            if (!scriptErrors.isEmpty()) {
                out.append(" (its script failed: ").append(scriptErrors.get(0)).append(")");
            }
            return out.toString();
        }
    }
}
