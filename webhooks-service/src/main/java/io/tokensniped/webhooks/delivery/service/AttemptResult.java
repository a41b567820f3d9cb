package io.tokensniped.webhooks.delivery.service;

/** What one attempt came to: the receiver's status and the start of its answer, or why there was none. */
public record AttemptResult(Integer responseCode, String excerpt, String error, long latencyMs) {

    private static final int SUCCESS_MIN = 200;
    private static final int SUCCESS_MAX = 299;

    /** Any 2xx is delivered; everything else (3xx included: redirects are not followed) is a failure. */
    public boolean succeeded() {
        return responseCode != null && responseCode >= SUCCESS_MIN && responseCode <= SUCCESS_MAX;
    }

    public static AttemptResult notSent(String error, long latencyMs) {
        return new AttemptResult(null, null, error, latencyMs);
    }

    /** One line for the endpoint's disabled reason. */
    public String summary() {
        return responseCode != null ? "HTTP " + responseCode : error;
    }
}
