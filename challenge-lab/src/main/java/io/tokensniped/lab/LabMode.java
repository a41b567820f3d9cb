package io.tokensniped.lab;

import java.util.Arrays;
import java.util.Optional;

/** What a lab widget does, selected by its site key (like a vendor's test keys). */
public enum LabMode {

    /** Runs a short proof of work, then issues a token. */
    PASS,
    /** Runs, then reports an error instead of a token. */
    FAIL,
    /** Shows a checkbox for a human and waits for a click that only a human would give. */
    INTERACTIVE,
    /** Like PASS, after a delay of a few seconds. */
    SLOW,
    /** Starts and never finishes. */
    NEVER,
    /** The page is there but its challenge script is broken: the widget never renders. */
    BROKEN;

    public String siteKey() {
        String name = name().toLowerCase(java.util.Locale.ROOT);
        return "0xLAB" + name + "0".repeat(24 - name.length());
    }

    /** Geetest-like captcha ids are 32 hex characters: "1ab", zeros, and the mode's number. */
    public String captchaId() {
        return "1ab" + "0".repeat(28) + Integer.toHexString(ordinal());
    }

    /** The interstitial fixture's pages for this mode live under this path. */
    public String interstitialPath() {
        return "/interstitial/" + name().toLowerCase(java.util.Locale.ROOT) + "/";
    }

    public static Optional<LabMode> forSiteKey(String siteKey) {
        return Arrays.stream(values()).filter(m -> m.siteKey().equals(siteKey)).findFirst();
    }

    public static Optional<LabMode> forCaptchaId(String captchaId) {
        return Arrays.stream(values()).filter(m -> m.captchaId().equals(captchaId)).findFirst();
    }

    public static Optional<LabMode> named(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }
}
