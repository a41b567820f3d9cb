package io.tokensniped.events.solve;

import com.fasterxml.jackson.annotation.JsonValue;

/** The challenge families the platform solves; the JSON form is the lower-case name used in URLs and bodies. */
public enum SolveType {

    TURNSTILE,
    GEETEST,
    INTERSTITIAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
