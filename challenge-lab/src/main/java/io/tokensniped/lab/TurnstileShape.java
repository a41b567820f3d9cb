package io.tokensniped.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The shapes a page with a Turnstile-like widget takes on sites nobody here wrote, each a lab page under
 * {@code /turnstile/shape/<name>?sitekey=...&action=...&cdata=...}, and pages that misbehave around a widget that
 * passes. The widget's mode is still chosen by the site key ({@link LabMode}).
 */
public enum TurnstileShape {

    /** {@code turnstile.render(el, {sitekey, callback})} with no hidden input: the token is only the widget's. */
    EXPLICIT(null),
    /** Implicit render with a custom response field name. */
    CUSTOM_FIELD(null),
    /** Invisible: rendered with {@code execution: 'execute'}, run when the page's own script calls execute. */
    EXECUTE(null),
    /** Two widgets with different site keys; the one asked for runs after the other. */
    TWO_WIDGETS(null),
    /** A single-page app that inserts the widget three seconds after load. */
    LATE(null),
    /** The widget inside a same-origin iframe. */
    IFRAME(null),
    /** The first token expires before anyone uses it; the widget refreshes it. */
    EXPIRING(null),
    /** The page gives the widget an action and cData, which the verifier reports. */
    ACTION_CDATA(null),
    /** alert, confirm and prompt dialogs as the page loads. */
    DIALOGS(null),
    /** window.open popups. */
    POPUPS(null),
    /** A download started by the page's script. */
    DOWNLOAD(null),
    /** A beforeunload handler that asks to stay. */
    BEFOREUNLOAD(null),
    /** A script that keeps the main thread busy forever. */
    BUSY_LOOP("SOLVE_TIMEOUT"),
    /** A 50 MB page with the widget at its top. */
    HUGE(null);

    private final String expectedError;

    TurnstileShape(String expectedError) {
        this.expectedError = expectedError;
    }

    /** The error code a solve of this page ends with; empty when it yields a token. */
    public Optional<String> expectedError() {
        return Optional.ofNullable(expectedError);
    }

    /** One of the pages that misbehave around a passing widget (rather than a widget shape). */
    public boolean misbehaves() {
        return ordinal() >= DIALOGS.ordinal();
    }

    public String pathName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The page for {@code siteKey}, with the action and cData the page gives its widget (may be empty). */
    public String path(String siteKey, String action, String cdata) {
        return "/turnstile/shape/" + pathName() + "?sitekey=" + siteKey + "&action=" + action + "&cdata=" + cdata;
    }

    static Optional<TurnstileShape> named(String pathName) {
        return Arrays.stream(values()).filter(s -> s.pathName().equals(pathName)).findFirst();
    }
}
