package io.tokensniped.solver.engine;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitUntilState;

/** Opening the customer's page, with network failures mapped to the contract's codes. Shared by the engines. */
public final class PageNavigation {

    private PageNavigation() {
    }

    public static Response open(Page page, String url, SolveSession session) throws SolveFailure {
        try {
            return page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED)
                    .setTimeout(session.remainingMillis()));
        } catch (TimeoutError e) {
            throw new SolveFailure(SolveFailure.SOLVE_TIMEOUT, "the page did not load before the deadline");
        } catch (PlaywrightException e) {
            throw networkFailure(e);
        }
    }

    static SolveFailure networkFailure(PlaywrightException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("ERR_PROXY") || message.contains("ERR_TUNNEL") || message.contains("ERR_SOCKS")
                || message.contains("proxy")) {
            return new SolveFailure(SolveFailure.PROXY_FAILED, "the proxy refused or failed the connection");
        }
        if (message.contains("ERR_BLOCKED_BY_CLIENT")) {
            return new SolveFailure(SolveFailure.TARGET_NOT_ALLOWED, "the page requested an address that is not allowed");
        }
        String reason = message.contains("net::") ? message.substring(message.indexOf("net::")).split("\\s")[0] : "navigation failed";
        return new SolveFailure(SolveFailure.TARGET_UNREACHABLE, "could not open the page (" + reason + ")");
    }
}
