package io.tokensniped.solver.engine;

import io.tokensniped.events.solve.Solution;

/** What a widget on the page shows at one poll. */
record WidgetState(Phase phase, Solution solution, String detail) {

    enum Phase {
        /** Nothing of the widget on the page (yet). */
        ABSENT,
        /** A widget, but for another site key or captcha id. */
        OTHER_WIDGET,
        /** The widget's placeholder is there but its script has not rendered it (yet). */
        PLACEHOLDER,
        RUNNING,
        /** It asks for a person: a checkbox, a puzzle. */
        NEEDS_HUMAN,
        /** It reported failure; only a person could retry it. */
        FAILED,
        DONE
    }

    static WidgetState of(Phase phase) {
        return new WidgetState(phase, null, null);
    }

    static WidgetState done(Solution solution) {
        return new WidgetState(Phase.DONE, solution, null);
    }
}
