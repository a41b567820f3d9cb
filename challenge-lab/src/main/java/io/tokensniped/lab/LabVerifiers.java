package io.tokensniped.lab;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lab's verifiers as a site owner calls them, for tests that check what a solve returned: each accepts a token
 * or clearance once and refuses it when replayed.
 */
public final class LabVerifiers {

    /** The name of the clearance cookie every lab site sets. */
    public static final String CLEARANCE_COOKIE = InterstitialLab.COOKIE;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private LabVerifiers() {
    }

    /** {@code POST /lab/interstitial/shapes/verify}: the clearance proves every round of the shape for that user agent. */
    public static String interstitial(String labUrl, InterstitialShape shape, String clearance, String userAgent)
            throws IOException, InterruptedException {
        return post(labUrl + "/lab/interstitial/shapes/verify", Map.of("shape", shape.pathName(), "clearance", clearance,
                "userAgent", userAgent == null ? "" : userAgent));
    }

    /** {@code POST /turnstile/v0/siteverify} with the lab's secret. */
    public static String turnstile(String labUrl, String token, String siteKey) throws IOException, InterruptedException {
        return post(labUrl + "/turnstile/v0/siteverify", Map.of("secret", ChallengeLab.SECRET, "response", token,
                "sitekey", siteKey));
    }

    /** {@code POST /geetest/v4/validate?captcha_id=} with the four values and the site's sign_token. */
    public static String geetest(String labUrl, String captchaId, String lotNumber, String captchaOutput, String passToken,
            String genTime) throws IOException, InterruptedException {
        return post(labUrl + "/geetest/v4/validate?captcha_id=" + captchaId, Map.of("lot_number", lotNumber,
                "captcha_output", captchaOutput, "pass_token", passToken, "gen_time", genTime,
                "sign_token", GeetestLab.hmacHex(ChallengeLab.SECRET, lotNumber)));
    }

    /** Did the Geetest validation succeed? */
    public static boolean validated(String answer) {
        return answer != null && answer.replace(" ", "").contains("\"result\":\"success\"");
    }

    /** Did the verifier accept (its JSON answer says success)? */
    public static boolean accepted(String answer) {
        return answer != null && answer.replace(" ", "").contains("\"success\":true");
    }

    private static String post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
