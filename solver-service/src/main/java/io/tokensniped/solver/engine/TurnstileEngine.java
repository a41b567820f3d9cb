package io.tokensniped.solver.engine;

import java.util.Map;

import com.microsoft.playwright.Page;

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

    private static final String WIDGET = ".cf-turnstile";
    /** The widget for the requested site key, or any rendered response field when keys are not in the DOM. */
    private static final String WIDGET_STATE = """
            siteKey => {
              const widgets = [...document.querySelectorAll('.cf-turnstile[data-sitekey]')];
              const field = document.querySelector('[name="cf-turnstile-response"]');
              if (widgets.length && !widgets.some(w => w.getAttribute('data-sitekey') === siteKey)) {
                return { phase: 'OTHER_WIDGET' };
              }
              const widget = widgets.find(w => w.getAttribute('data-sitekey') === siteKey) || field?.closest('div');
              if (!widget && !field) return { phase: 'ABSENT' };
              const response = (widget || document).querySelector('[name="cf-turnstile-response"]') || field;
              if (!response) return { phase: 'PLACEHOLDER' };
              if (response.value) return { phase: 'DONE', token: response.value };
              return { phase: widget && widget.getAttribute('data-state') === 'error' ? 'FAILED' : 'RUNNING' };
            }""";

    @Override
    public SolveType type() {
        return SolveType.TURNSTILE;
    }

    @Override
    public Solution solve(SolveSession session) throws SolveFailure {
        String siteKey = session.job().target().siteKey();
        Page page = session.page();
        PageNavigation.open(page, session.job().target().pageUrl(), session);
        return WidgetWatch.until(session, page, "Turnstile", p -> probe(p, siteKey)).solution();
    }

    private static WidgetState probe(Page page, String siteKey) {
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) page.evaluate(WIDGET_STATE, siteKey);
        WidgetState.Phase phase = WidgetState.Phase.valueOf((String) state.get("phase"));
        switch (phase) {
            case DONE:
                return WidgetState.done(new Solution.Turnstile((String) state.get("token"),
                        (String) page.evaluate("() => navigator.userAgent")));
            case OTHER_WIDGET:
                return new WidgetState(phase, null, "not for siteKey " + siteKey);
            case RUNNING:
                return WidgetWatch.visibleWithin(page, WIDGET, "input[type=checkbox]")
                        ? new WidgetState(WidgetState.Phase.NEEDS_HUMAN, null, "a checkbox")
                        : WidgetState.of(phase);
            default:
                return WidgetState.of(phase);
        }
    }
}
