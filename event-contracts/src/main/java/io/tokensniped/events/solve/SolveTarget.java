package io.tokensniped.events.solve;

/**
 * What the solver opens and which widget it waits for. Fields that do not apply to a solve type are null:
 * turnstile uses siteKey/action/cdata, geetest uses captchaId, interstitial uses userAgent.
 */
public record SolveTarget(String pageUrl, String siteKey, String action, String cdata, String captchaId, String userAgent) {

    public static SolveTarget turnstile(String pageUrl, String siteKey, String action, String cdata) {
        return new SolveTarget(pageUrl, siteKey, action, cdata, null, null);
    }

    public static SolveTarget geetest(String pageUrl, String captchaId) {
        return new SolveTarget(pageUrl, null, null, null, captchaId, null);
    }

    /** The interstitial's {@code url} travels as {@code pageUrl}: it is the page the browser opens. */
    public static SolveTarget interstitial(String url, String userAgent) {
        return new SolveTarget(url, null, null, null, null, userAgent);
    }
}
