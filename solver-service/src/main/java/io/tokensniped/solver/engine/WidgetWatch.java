package io.tokensniped.solver.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;

import io.tokensniped.events.solve.SolveErrorCode;

/**
 * The watch the widget engines share: wait, inside the page, until its widget issues a result, asks for a person or
 * fails, or the deadline passes. The page re-reads its own widget every few milliseconds and answers the moment it
 * settles, so a token reaches the solver without a poll interval's delay and without a round trip per look. Only
 * between those waits (every widget-look-interval while the widget runs) does the solver look for itself: into the
 * widget's other-origin frames, which the page's script cannot see, for a checkbox or puzzle, and whether a widget
 * appeared at all. A widget that never appears (or never renders from its placeholder) within the appear timeout is
 * CHALLENGE_NOT_FOUND; nothing is ever clicked or typed.
 */
final class WidgetWatch {

    /** The phases that end the watch; the page answers as soon as its widget shows one. */
    private static final List<String> SETTLED = Stream.of(WidgetState.Phase.DONE, WidgetState.Phase.OTHER_WIDGET,
            WidgetState.Phase.NEEDS_HUMAN, WidgetState.Phase.FAILED).map(Enum::name).toList();

    /**
     * What an engine tells the watch about its widget.
     *
     * @param name the vendor's name, for messages
     * @param selector the widget's element on the page
     * @param stateFunction JavaScript {@code arg => ({phase, ...})}, one of {@link WidgetState.Phase}'s names
     * @param arg what {@code stateFunction} is called with (the site key, the captcha id)
     * @param interpret the widget state of what {@code stateFunction} answered
     * @param personSelector what, visible inside the widget or a frame it holds, asks for a person
     * @param personCue how messages name it ("a checkbox")
     */
    record Widget(String name, String selector, String stateFunction, Object arg,
            Function<Map<String, Object>, WidgetState> interpret, String personSelector, String personCue) {
    }

    private WidgetWatch() {
    }

    static WidgetState until(SolveSession session, Page page, Widget widget) throws SolveFailure {
        long appearBy = System.nanoTime() + session.challengeAppearTimeout().toNanos();
        boolean busy = false;
        WidgetState.Phase last = WidgetState.Phase.ABSENT;
        try {
            while (!session.expired()) {
                double wait = Math.min(session.widgetLookInterval().toMillis(), session.remainingMillis());
                if (last == WidgetState.Phase.ABSENT || last == WidgetState.Phase.PLACEHOLDER) {
                    wait = Math.min(wait, Math.max(1, (appearBy - System.nanoTime()) / 1e6));
                }
                Map<String, Object> answer;
                try {
                    answer = PageProbe.awaitPhase(page, widget.stateFunction(), widget.arg(), SETTLED, wait);
                } catch (TimeoutError notSettled) {
                    try {
                        answer = PageProbe.read(page, widget.stateFunction(), widget.arg(),
                                Math.min(PageProbe.ANSWER_WITHIN.toMillis(), session.remainingMillis()));
                    } catch (TimeoutError e) {
                        // The page's script holds its main thread: nothing to read now, and nothing is waited on forever.
                        busy = true;
                        continue;
                    }
                }
                busy = false;
                WidgetState state = widget.interpret().apply(answer);
                if (state.phase() == WidgetState.Phase.RUNNING
                        && visibleWithin(page, widget.selector(), widget.personSelector())) {
                    state = new WidgetState(WidgetState.Phase.NEEDS_HUMAN, null, widget.personCue());
                }
                last = state.phase();
                switch (state.phase()) {
                    case DONE :
                        return state;
                    case OTHER_WIDGET :
                        throw new SolveFailure(SolveErrorCode.CHALLENGE_NOT_FOUND, "the page has a " + widget.name()
                                + " widget, but " + state.detail());
                    case NEEDS_HUMAN :
                        throw new SolveFailure(SolveErrorCode.INTERACTIVE_CHALLENGE, "the " + widget.name()
                                + " widget asks for human interaction (" + state.detail()
                                + "), which this API does not perform");
                    case FAILED :
                        throw new SolveFailure(SolveErrorCode.INTERACTIVE_CHALLENGE, "the " + widget.name()
                                + " widget refused this browser; only a person could retry it");
                    case ABSENT :
                    case PLACEHOLDER :
                        if (System.nanoTime() > appearBy) {
                            throw new SolveFailure(SolveErrorCode.CHALLENGE_NOT_FOUND, state.phase() == WidgetState.Phase.ABSENT
                                    ? "no " + widget.name() + " widget appeared on the page"
                                    : "the page holds a " + widget.name()
                                            + " placeholder, but the widget never rendered (its script did not run)");
                        }
                        break;
                    default :
                        break;
                }
            }
        } catch (PlaywrightException e) {
            if (!session.expired()) {
                throw PageNavigation.networkFailure(e, session);
            }
        }
        throw new SolveFailure(SolveErrorCode.SOLVE_TIMEOUT, "the " + widget.name()
                + " widget issued no result before the deadline"
                + (busy
                        ? " (the page's script kept it busy: it did not answer for " + PageProbe.ANSWER_WITHIN.toSeconds()
                                + " s)"
                        : ""));
    }

    /** A visible element matching {@code selector} inside the widget's element or a frame it holds. */
    private static boolean visibleWithin(Page page, String widgetSelector, String selector) {
        if (page.locator(widgetSelector + " " + selector).first().isVisible()) {
            return true;
        }
        for (Frame frame : page.frames()) {
            if (frame != page.mainFrame() && frame.locator(selector).first().isVisible()
                    && Boolean.TRUE.equals(frame.frameElement().evaluate("(el, s) => !!el.closest(s)", widgetSelector))) {
                return true;
            }
        }
        return false;
    }
}
