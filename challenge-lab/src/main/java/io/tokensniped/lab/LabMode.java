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
    NEVER;

    public String siteKey() {
        String name = name().toLowerCase(java.util.Locale.ROOT);
        return "0xLAB" + name + "0".repeat(24 - name.length());
    }

    public static Optional<LabMode> forSiteKey(String siteKey) {
        return Arrays.stream(values()).filter(m -> m.siteKey().equals(siteKey)).findFirst();
    }
}
