package io.tokensniped.lab;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The shapes an interstitial ("checking your browser") page takes on sites nobody here wrote, each a lab site under
 * {@code /interstitial/shape/<name>/...}. They differ in every way vendors allow: the status answered, the markup,
 * how fast the check clears, how the clearance cookie is set and how the browser gets back to the page.
 */
public enum InterstitialShape {

    /** 403 whose script clears in a few milliseconds (a trivial proof of work, document.cookie, location.replace). */
    FAST(403, false, Markup.VENDOR_LIKE, Clearance.DOCUMENT_COOKIE, 2, Duration.ZERO, 1),
    /** 503 that clears only after ten seconds of waiting, through the challenge form. */
    SLOW_10S(503, true, Markup.VENDOR_LIKE, Clearance.FORM_POST, WorkChallenges.WORK_BITS, Duration.ofSeconds(10), 1),
    /** The challenge answered with 200 (not 403/503), recognisable only by its markup. */
    OK_200(200, false, Markup.VENDOR_LIKE, Clearance.FORM_POST, WorkChallenges.WORK_BITS, Duration.ZERO, 1),
    /** 503 with Retry-After and no script: the clearance cookie comes with the answer and opens the site once the
     * retry time has passed; a meta refresh brings the browser back then. */
    RETRY_AFTER(503, false, Markup.NEUTRAL, Clearance.SET_COOKIE_WITH_RETRY, 0, Duration.ofSeconds(1), 1),
    /** 403 with no script at all: a meta refresh returns to the page with the cookie the answer set. */
    META_REFRESH(403, false, Markup.NEUTRAL, Clearance.SET_COOKIE_WITH_RETRY, 0, Duration.ZERO, 1),
    /** 503 whose script sends the browser through an intermediate path, which sets the cookie and sends it back. */
    HOP(503, true, Markup.VENDOR_LIKE, Clearance.VIA_HOP, WorkChallenges.WORK_BITS, Duration.ZERO, 1),
    /** The script fetches the clearance and sets it with document.cookie, then reloads. */
    DOCUMENT_COOKIE(503, true, Markup.VENDOR_LIKE, Clearance.DOCUMENT_COOKIE, WorkChallenges.WORK_BITS, Duration.ZERO, 1),
    /** The script's fetch is answered with Set-Cookie (HttpOnly), then it reloads. */
    SET_COOKIE(503, true, Markup.VENDOR_LIKE, Clearance.FETCH_SET_COOKIE, WorkChallenges.WORK_BITS, Duration.ZERO, 1),
    /** The first clearance only leads to a second challenge; the second opens the site. */
    TWO_ROUNDS(503, true, Markup.VENDOR_LIKE, Clearance.FORM_POST, WorkChallenges.WORK_BITS, Duration.ZERO, 2),
    /** 429, no vendor header, markup naming no vendor and none of the well-known titles. */
    NEUTRAL(429, false, Markup.NEUTRAL, Clearance.DOCUMENT_COOKIE, WorkChallenges.WORK_BITS, Duration.ZERO, 1),
    /** A check that keeps working (a request every half second) and never clears. */
    STUCK(503, false, Markup.NEUTRAL, Clearance.NEVER, 0, Duration.ZERO, 1),
    /** A site with no challenge at all: the page is served at once. */
    NONE(200, false, Markup.NEUTRAL, Clearance.NEVER, 0, Duration.ZERO, 0);

    /** What the challenge page looks like. */
    enum Markup {
        /** The title and form ids the best-known vendor uses. */
        VENDOR_LIKE,
        /** Words of our own, no vendor's title, ids or header. */
        NEUTRAL
    }

    /** How the clearance cookie reaches the browser and how the browser gets back to the page. */
    enum Clearance {
        /** A form posts the proof; the answer sets the cookie and redirects (302) to the page. */
        FORM_POST,
        /** The script fetches the clearance, sets it with document.cookie and reloads the page. */
        DOCUMENT_COOKIE,
        /** The script's fetch is answered with Set-Cookie; the script reloads the page. */
        FETCH_SET_COOKIE,
        /** The challenge answer itself sets a cookie that opens the site only after the retry time; a meta refresh. */
        SET_COOKIE_WITH_RETRY,
        /** The script goes to an intermediate path, which sets the cookie and sends the browser back by script. */
        VIA_HOP,
        /** Nothing ever clears. */
        NEVER
    }

    final int status;
    final boolean vendorHeader;
    final Markup markup;
    final Clearance clearance;
    final int workBits;
    final Duration wait;
    final int rounds;

    InterstitialShape(int status, boolean vendorHeader, Markup markup, Clearance clearance, int workBits, Duration wait,
            int rounds) {
        this.status = status;
        this.vendorHeader = vendorHeader;
        this.markup = markup;
        this.clearance = clearance;
        this.workBits = workBits;
        this.wait = wait;
        this.rounds = rounds;
    }

    /** The URL-path name of the shape: {@code slow-10s}, {@code two-rounds}... */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The shape's lab site lives under this path. */
    public String path() {
        return "/interstitial/shape/" + pathName() + "/";
    }

    /** Whether a solve of this shape should end with the site's cookies (the others never clear). */
    public boolean clears() {
        return clearance != Clearance.NEVER;
    }

    static Optional<InterstitialShape> named(String pathName) {
        return Arrays.stream(values()).filter(s -> s.pathName().equals(pathName)).findFirst();
    }
}
