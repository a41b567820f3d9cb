package io.tokensniped.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Geetest-v4-like fixture: a page calling {@code initGeetest4}, the widget script, load and verify endpoints for
 * its proof of work, and the site owner's {@code /validate} with a {@code sign_token} (HMAC-SHA256 of the lot number
 * under the captcha key), as in Geetest's server-side contract.
 */
final class GeetestLab {

    private static final String SCRIPT = "/lab/geetest/v4/gt4.js";
    private static final String BROKEN_SCRIPT = "/lab/geetest/v4/broken.js";
    /** {@code /geetest/page?captcha_id=...&late}: the page initialises its widget this long after load. */
    private static final long LATE_INIT_MS = 2000;

    private final LabTokens tokens;
    private final WorkChallenges challenges;
    private final String pageTemplate = LabHttp.resource("/lab/geetest-page.html");
    private final String script = LabHttp.widgetScript("/lab/geetest-gt4.js");

    GeetestLab(LabTokens tokens, WorkChallenges challenges) {
        this.tokens = tokens;
        this.challenges = challenges;
    }

    void register(HttpServer server) {
        server.createContext("/geetest/", LabHttp.handler(this::page));
        server.createContext(SCRIPT, LabHttp.handler(ex -> LabHttp.send(ex, 200, "text/javascript", script)));
        server.createContext(BROKEN_SCRIPT, LabHttp.handler(ex -> LabHttp.send(ex, 500, "text/plain", "upstream error")));
        server.createContext("/lab/geetest/v4/load", LabHttp.handler(this::load));
        server.createContext("/lab/geetest/v4/verify", LabHttp.handler(this::verify));
        server.createContext("/geetest/v4/validate", LabHttp.handler(this::validate));
    }

    /** {@code /geetest/demo} or {@code /geetest/page?captcha_id=...} (with {@code &late}: initialised late). */
    private void page(HttpExchange ex) throws IOException {
        String captchaId = LabHttp.query(ex).getOrDefault("captcha_id", LabMode.PASS.captchaId());
        boolean broken = LabMode.forCaptchaId(captchaId).filter(m -> m == LabMode.BROKEN).isPresent();
        LabHttp.send(ex, 200, "text/html; charset=utf-8", pageTemplate.replace("{{CAPTCHA_ID}}", LabHttp.html(captchaId))
                .replace("{{WIDGET_SCRIPT}}", broken ? BROKEN_SCRIPT : SCRIPT)
                .replace("{{INIT_DELAY_MS}}", LabHttp.query(ex).containsKey("late") ? Long.toString(LATE_INIT_MS) : "0"));
    }

    private void load(HttpExchange ex) throws IOException {
        Map<String, String> form = LabHttp.form(ex);
        Optional<LabMode> mode = LabMode.forCaptchaId(form.get("captcha_id"));
        if (mode.isEmpty()) {
            LabHttp.json(ex, 400, Map.of("error", "invalid captcha_id"));
            return;
        }
        LabHttp.json(ex, 200,
                challenges.issue(form.get("captcha_id"), form.getOrDefault("hostname", ""), mode.get()).forPage());
    }

    private void verify(HttpExchange ex) throws IOException {
        Map<String, String> form = LabHttp.form(ex);
        Optional<WorkChallenges.Challenge> answered = challenges.answer(form.get("lot_number"), form.getOrDefault("nonce", ""));
        if (answered.isEmpty()) {
            LabHttp.json(ex, 200, Map.of("error", "invalid-or-expired-lot"));
            return;
        }
        WorkChallenges.Challenge lot = answered.get();
        if (lot.mode() == LabMode.FAIL) {
            LabHttp.json(ex, 200, Map.of("error", "verification-failed"));
            return;
        }
        String passToken = tokens.issue(new LabTokens.Claims(lot.key(), lot.hostname(), "", lot.id(), Instant.now()));
        String genTime = Long.toString(Instant.now().getEpochSecond());
        LabHttp.json(ex, 200, Map.of("lot_number", lot.id(), "pass_token", passToken, "gen_time", genTime,
                "captcha_output", captchaOutput(lot.id(), passToken, genTime)));
    }

    /** The site owner's check: {@code POST /geetest/v4/validate?captcha_id=} with the four values and sign_token. */
    private void validate(HttpExchange ex) throws IOException {
        String captchaId = LabHttp.query(ex).get("captcha_id");
        Map<String, String> form = LabHttp.form(ex);
        String lotNumber = form.getOrDefault("lot_number", "");
        String expectedSign = hmacHex(ChallengeLab.SECRET, lotNumber);
        if (!MessageDigest.isEqual(expectedSign.getBytes(StandardCharsets.US_ASCII),
                form.getOrDefault("sign_token", "").getBytes(StandardCharsets.US_ASCII))) {
            LabHttp.json(ex, 200, Map.of("result", "fail", "reason", "sign_token error"));
            return;
        }
        String passToken = form.getOrDefault("pass_token", "");
        String output = captchaOutput(lotNumber, passToken, form.getOrDefault("gen_time", ""));
        if (!output.equals(form.get("captcha_output"))) {
            LabHttp.json(ex, 200, Map.of("result", "fail", "reason", "captcha_output mismatch"));
            return;
        }
        Optional<LabTokens.Claims> claims = tokens.redeem(passToken, captchaId).filter(c -> c.cdata().equals(lotNumber));
        if (claims.isEmpty()) {
            LabHttp.json(ex, 200, Map.of("result", "fail", "reason", "pass_token expired, used or not for this captcha"));
            return;
        }
        LabHttp.json(ex, 200, Map.of("result", "success", "reason", "",
                "captcha_args", Map.of("hostname", claims.get().hostname(), "captcha_id", captchaId)));
    }

    private String captchaOutput(String lotNumber, String passToken, String genTime) {
        return tokens.sign(lotNumber + "|" + passToken + "|" + genTime);
    }

    /** Geetest's sign_token: hex HMAC-SHA256 of the lot number, keyed with the captcha key. */
    static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
