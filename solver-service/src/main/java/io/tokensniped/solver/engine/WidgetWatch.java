package io.tokensniped.solver.engine;

import java.util.function.Function;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;

import io.tokensniped.events.solve.SolveErrorCode;

/**
 * The loop the widget engines share: poll the page until its widget issues a result, asks for a person, fails, or
 * the deadline passes. A widget that never appears (or never renders from its placeholder) within the appear timeout
 * is CHALLENGE_NOT_FOUND; nothing is ever clicked or typed.
 */
final class WidgetWatch {

    private WidgetWatch() {
    }

    static WidgetState until(SolveSession session, Page page, String widget, Function<Page, WidgetState> probe)
            throws SolveFailure {
        long appearBy = System.nanoTime() + session.challengeAppearTimeout().toNanos();
        boolean busy = false;
        try {
            while (!session.expired()) {
                WidgetState state;
                try {
                    state = probe.apply(page);
                    busy = false;
                } catch (TimeoutError e) {
                    // The page's script holds its main thread: nothing to read now, and nothing is waited on forever.
                    busy = true;
                    continue;
                }
                switch (state.phase()) {
                    case DONE :
                        return state;
                    case OTHER_WIDGET :
                        throw new SolveFailure(SolveErrorCode.CHALLENGE_NOT_FOUND, "the page has a " + widget + " widget, but "
                                + state.detail());
                    case NEEDS_HUMAN :
                        throw new SolveFailure(SolveErrorCode.INTERACTIVE_CHALLENGE, "the " + widget
                                + " widget asks for human interaction (" + state.detail()
                                + "), which this API does not perform");
                    case FAILED :
                        throw new SolveFailure(SolveErrorCode.INTERACTIVE_CHALLENGE, "the " + widget
                                + " widget refused this browser; only a person could retry it");
                    case ABSENT :
                    case PLACEHOLDER :
                        if (System.nanoTime() > appearBy) {
                            throw new SolveFailure(SolveErrorCode.CHALLENGE_NOT_FOUND, state.phase() == WidgetState.Phase.ABSENT
                                    ? "no " + widget + " widget appeared on the page"
                                    : "the page holds a " + widget
                                            + " placeholder, but the widget never rendered (its script did not run)");
                        }
                        break;
                    default :
                        break;
                }
                page.waitForTimeout(session.pollInterval().toMillis());
            }
        } catch (PlaywrightException e) {
            if (!session.expired()) {
                throw PageNavigation.networkFailure(e, session);
            }
        }
        throw new SolveFailure(SolveErrorCode.SOLVE_TIMEOUT, "the " + widget + " widget issued no result before the deadline"
                + (busy
                        ? " (the page's script kept it busy: it did not answer for " + PageProbe.ANSWER_WITHIN.toSeconds()
                                + " s)"
                        : ""));
    }

    /** A visible element matching {@code selector} inside the widget's element or a frame it holds. */
    static boolean visibleWithin(Page page, String widgetSelector, String selector) {
        if (page.locator(widgetSelector + " " + selector).first().isVisible()) {
            return true;
        }
        for (com.microsoft.playwright.Frame frame : page.frames()) {
            if (frame != page.mainFrame() && frame.locator(selector).first().isVisible()
                    && Boolean.TRUE.equals(frame.frameElement().evaluate("(el, s) => !!el.closest(s)", widgetSelector))) {
                return true;
            }
        }
        return false;
    }
}
