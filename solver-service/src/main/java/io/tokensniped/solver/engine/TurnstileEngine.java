package io.tokensniped.solver.engine;

import java.util.Map;

import com.microsoft.playwright.Page;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turnstile: open the page, let the widget that is already there (or that the page's own script renders, executes or
 * inserts later) run as for any visitor, and read the response it issues: from a field inside the widget, whatever
 * its name, or from the widget's own {@code turnstile.getResponse} when the page renders it without one. The widget
 * for the requested site key is found on the page or in its same-origin frames, by its {@code data-sitekey} or by
 * the address of the frame it renders (which names the key). A token the widget reports expired is not returned: the
 * widget is left to refresh it. A widget that asks for a human (a checkbox) is INTERACTIVE_CHALLENGE; nothing is
 * clicked for it.
 */
@ApplicationScoped
public class TurnstileEngine implements SolveEngine {

    private static final String WIDGET = ".cf-turnstile";
    private static final String WIDGET_STATE = """
            siteKey => {
              const documents = [];
              const collect = d => { documents.push(d); for (const f of d.querySelectorAll('iframe')) {
                try { if (f.contentDocument) collect(f.contentDocument); } catch (e) { /* another origin's frame */ } } };
              collect(document);
              let any = false, widget = null, view = null;
              for (const d of documents) {
                for (const el of d.querySelectorAll('[data-sitekey]')) {
                  any = true;
                  if (!widget && el.getAttribute('data-sitekey') === siteKey) { widget = el; view = d.defaultView; }
                }
              }
              // An explicitly rendered widget is known by its frame, whose path names the site key.
              for (const d of documents) {
                for (const f of d.querySelectorAll('iframe[src*="turnstile"]')) {
                  let path = [];
                  try { path = new URL(f.src, d.baseURI).pathname.split('/'); } catch (e) { /* not an address */ }
                  if (!path.includes('turnstile')) continue;
                  any = true;
                  if (!widget && path.includes(siteKey)) { widget = f.parentElement; view = d.defaultView; }
                }
              }
              const userAgent = navigator.userAgent;
              if (!widget) {
                if (any) return { phase: 'OTHER_WIDGET' };
                const field = document.querySelector('[name="cf-turnstile-response"]');
                if (!field) return { phase: 'ABSENT' };
                return field.value ? { phase: 'DONE', token: field.value, userAgent } : { phase: 'RUNNING' };
              }
              const api = view && view.turnstile;
              let expired = false, token = null;
              try { expired = !!(api && api.isExpired && api.isExpired(widget)); } catch (e) { /* not this widget's API */ }
              const field = [...widget.querySelectorAll('input')].find(i => i.type !== 'checkbox' && i.value);
              token = field ? field.value : null;
              if (!token && api && api.getResponse) { try { token = api.getResponse(widget) || null; } catch (e) { /* none yet */ } }
              if (token && !expired) return { phase: 'DONE', token, userAgent };
              if (!widget.children.length) return { phase: 'PLACEHOLDER' };
              const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
              if ([...widget.querySelectorAll('input[type=checkbox]')].some(visible)) return { phase: 'NEEDS_HUMAN' };
              return { phase: widget.getAttribute('data-state') === 'error' ? 'FAILED' : 'RUNNING' };
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
        // A real widget shows its checkbox inside its own (other-origin) frame.
        return WidgetWatch.until(session, page, new WidgetWatch.Widget("Turnstile", WIDGET, WIDGET_STATE, siteKey,
                state -> interpret(state, siteKey), "input[type=checkbox]", "a checkbox")).solution();
    }

    private static WidgetState interpret(Map<String, Object> state, String siteKey) {
        WidgetState.Phase phase = WidgetState.Phase.valueOf((String) state.get("phase"));
        switch (phase) {
            case DONE :
                return WidgetState.done(new Solution.Turnstile((String) state.get("token"), (String) state.get("userAgent")));
            case OTHER_WIDGET :
                return new WidgetState(phase, null, "not for siteKey " + siteKey);
            case NEEDS_HUMAN :
                return new WidgetState(phase, null, "a checkbox");
            default :
                return WidgetState.of(phase);
        }
    }
}
