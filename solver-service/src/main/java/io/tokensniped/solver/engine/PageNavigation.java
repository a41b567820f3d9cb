package io.tokensniped.solver.engine;

import java.util.Optional;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitUntilState;

import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.solver.egress.EgressRefusal;

/** Opening the customer's page, with network failures mapped to the contract's codes. Shared by the engines. */
public final class PageNavigation {

    /** The header the egress guard puts on its own answers (Playwright gives header names in lower case). */
    private static final String GUARD_VERDICT_HEADER = "x-tokensniped-egress";

    private PageNavigation() {
    }

    /**
     * Opens the page. A navigation (or one of its redirects) the egress guard blocked is TARGET_NOT_ALLOWED, one it
     * could not connect is TARGET_UNREACHABLE, whether the browser saw the guard's answer as a page (plain http) or
     * as a failed tunnel (https).
     */
    public static Response open(Page page, String url, SolveSession session) throws SolveFailure {
        return open(page, url, session, WaitUntilState.DOMCONTENTLOADED);
    }

    /** As {@link #open(Page, String, SolveSession)}, returning once the page reached {@code until}. */
    public static Response open(Page page, String url, SolveSession session, WaitUntilState until) throws SolveFailure {
        Response response;
        try {
            response = page.navigate(url, new Page.NavigateOptions().setWaitUntil(until).setTimeout(session.remainingMillis()));
        } catch (TimeoutError e) {
            throw new SolveFailure(SolveErrorCode.SOLVE_TIMEOUT, "the page did not load before the deadline");
        } catch (PlaywrightException e) {
            throw networkFailure(e, session);
        }
        String verdict = response == null ? null : response.headers().get(GUARD_VERDICT_HEADER);
        if (verdict != null) {
            throw guardFailure(session).orElseGet(() -> new SolveFailure(SolveErrorCode.TARGET_UNREACHABLE,
                    "could not open " + response.url()));
        }
        session.stages().mark(SolveStages.Mark.NAVIGATED);
        return response;
    }

    static SolveFailure networkFailure(PlaywrightException e, SolveSession session) {
        if (session.viaCustomerProxy()) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("ERR_PROXY") || message.contains("ERR_TUNNEL") || message.contains("ERR_SOCKS")) {
                return new SolveFailure(SolveErrorCode.PROXY_FAILED, "the proxy refused or failed the connection");
            }
        }
        return guardFailure(session).orElseGet(() -> genericFailure(e));
    }

    private static Optional<SolveFailure> guardFailure(SolveSession session) {
        Optional<EgressRefusal> blocked = session.egress().firstBlocked();
        if (blocked.isPresent()) {
            return Optional.of(new SolveFailure(SolveErrorCode.TARGET_NOT_ALLOWED,
                    "the page led to " + blocked.get().host() + ", which is not allowed: " + blocked.get().reason()));
        }
        return session.egress().refusals().stream().findFirst().map(r -> new SolveFailure(SolveErrorCode.TARGET_UNREACHABLE,
                "could not connect to " + r.host() + ":" + r.port()));
    }

    private static SolveFailure genericFailure(PlaywrightException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String reason = message.contains("net::")
                ? message.substring(message.indexOf("net::")).split("\\s")[0]
                : "navigation failed";
        return new SolveFailure(SolveErrorCode.TARGET_UNREACHABLE, "could not open the page (" + reason + ")");
    }
}
