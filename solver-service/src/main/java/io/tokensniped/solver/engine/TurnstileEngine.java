package io.tokensniped.solver.engine;

import java.util.Map;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turnstile: open the page, let the widget that is already there run as for any visitor, and read the response it
 * writes into its {@code cf-turnstile-response} field. A widget that asks for a human (a checkbox) is reported as
 * INTERACTIVE_CHALLENGE; nothing is clicked for it.
 */
@ApplicationScoped
public class TurnstileEngine implements SolveEngine {

    /** The widget on the page for the requested site key, or any rendered response field when keys are not in the DOM. */
    private static final String WIDGET_STATE = """
            siteKey => {
              const widgets = [...document.querySelectorAll('.cf-turnstile[data-sitekey]')];
              const field = document.querySelector('[name="cf-turnstile-response"]');
              if (widgets.length && !widgets.some(w => w.getAttribute('data-sitekey') === siteKey)) {
                return { present: false, wrongKey: true };
              }
              const widget = widgets.find(w => w.getAttribute('data-sitekey') === siteKey) || field?.closest('div');
              const scope = widget || document;
              const response = scope.querySelector('[name="cf-turnstile-response"]') || field;
              return { present: !!(widget || field), token: response && response.value ? response.value : null };
            }""";
    private static final String HUMAN_CHECK = "input[type=checkbox]";

    @Override
    public SolveType type() {
        return SolveType.TURNSTILE;
    }

    @Override
    public Solution solve(SolveSession session) throws SolveFailure {
        String siteKey = session.job().target().siteKey();
        Page page = session.context().newPage();
        PageNavigation.open(page, session.job().target().pageUrl(), session);
        long appearBy = System.nanoTime() + session.challengeAppearTimeout().toNanos();
        try {
            while (!session.expired()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> state = (Map<String, Object>) page.evaluate(WIDGET_STATE, siteKey);
                if (state.get("token") instanceof String token && !token.isEmpty()) {
                    return new Solution.Turnstile(token, (String) page.evaluate("() => navigator.userAgent"));
                }
                if (Boolean.TRUE.equals(state.get("wrongKey"))) {
                    throw new SolveFailure(SolveFailure.CHALLENGE_NOT_FOUND,
                            "the page has a Turnstile widget, but not for siteKey " + siteKey);
                }
                boolean present = Boolean.TRUE.equals(state.get("present"));
                if (!present && System.nanoTime() > appearBy) {
                    throw new SolveFailure(SolveFailure.CHALLENGE_NOT_FOUND, "no Turnstile widget appeared on the page");
                }
                if (present && asksForHuman(page)) {
                    throw new SolveFailure(SolveFailure.INTERACTIVE_CHALLENGE,
                            "the widget asks for human interaction, which this API does not perform");
                }
                page.waitForTimeout(session.pollInterval().toMillis());
            }
        } catch (PlaywrightException e) {
            if (session.expired()) {
                throw new SolveFailure(SolveFailure.SOLVE_TIMEOUT, "the widget issued no response before the deadline");
            }
            throw PageNavigation.networkFailure(e, session);
        }
        throw new SolveFailure(SolveFailure.SOLVE_TIMEOUT, "the widget issued no response before the deadline");
    }

    /** A visible checkbox in the widget, or in a frame the widget holds, is a challenge meant for a person. */
    private static boolean asksForHuman(Page page) {
        if (page.locator(".cf-turnstile " + HUMAN_CHECK).first().isVisible()) {
            return true;
        }
        for (Frame frame : page.frames()) {
            if (frame != page.mainFrame() && frame.locator(HUMAN_CHECK).first().isVisible()
                    && Boolean.TRUE.equals(frame.frameElement().evaluate("el => !!el.closest('.cf-turnstile')"))) {
                return true;
            }
        }
        return false;
    }
}
