package io.tokensniped.solver.engine;

import java.util.Map;

import com.microsoft.playwright.Page;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Geetest v4: open the page, let the widget the page initialises run, and read the five values it hands the page
 * (the hidden fields of its form integration). A puzzle or slider is INTERACTIVE_CHALLENGE: nothing is dragged.
 */
@ApplicationScoped
public class GeetestEngine implements SolveEngine {

    private static final String WIDGET = ".geetest_captcha";
    private static final String WIDGET_STATE = """
            captchaId => {
              const boxes = [...document.querySelectorAll('.geetest_captcha[data-captcha-id]')];
              if (!boxes.length) return { phase: 'ABSENT' };
              const box = boxes.find(b => b.getAttribute('data-captcha-id') === captchaId);
              if (!box) return { phase: 'OTHER_WIDGET', found: boxes.map(b => b.getAttribute('data-captcha-id')).join(', ') };
              const value = name => box.querySelector('input[name="' + name + '"]')?.value || null;
              if (value('pass_token')) {
                return { phase: 'DONE', captchaId: value('captcha_id') || captchaId, lotNumber: value('lot_number'),
                         captchaOutput: value('captcha_output'), passToken: value('pass_token'), genTime: value('gen_time') };
              }
              return { phase: box.getAttribute('data-state') === 'error' ? 'FAILED' : 'RUNNING' };
            }""";
    private static final String PUZZLE = ".geetest_slider, .geetest_puzzle, .geetest_box";

    @Override
    public SolveType type() {
        return SolveType.GEETEST;
    }

    @Override
    public Solution solve(SolveSession session) throws SolveFailure {
        String captchaId = session.job().target().captchaId();
        Page page = session.page();
        PageNavigation.open(page, session.job().target().pageUrl(), session);
        return WidgetWatch.until(session, page, new WidgetWatch.Widget("Geetest", WIDGET, WIDGET_STATE, captchaId,
                state -> interpret(state, captchaId), PUZZLE, "a puzzle")).solution();
    }

    private static WidgetState interpret(Map<String, Object> state, String captchaId) {
        WidgetState.Phase phase = WidgetState.Phase.valueOf((String) state.get("phase"));
        switch (phase) {
            case DONE :
                return WidgetState.done(new Solution.Geetest((String) state.get("captchaId"), (String) state.get("lotNumber"),
                        (String) state.get("captchaOutput"), (String) state.get("passToken"), (String) state.get("genTime")));
            case OTHER_WIDGET :
                return new WidgetState(phase, null, "for captchaId " + state.get("found") + ", not " + captchaId);
            default :
                return WidgetState.of(phase);
        }
    }
}
