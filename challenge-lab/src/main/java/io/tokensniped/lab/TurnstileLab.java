package io.tokensniped.lab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The Turnstile-like fixture: page, widget script, challenge and answer endpoints, and siteverify. */
final class TurnstileLab {

    private static final String API_SCRIPT = "/lab/turnstile/v0/api.js";
    private static final String BROKEN_SCRIPT = "/lab/turnstile/v0/broken.js";

    private final LabTokens tokens;
    private final WorkChallenges challenges;
    private final String pageTemplate = LabHttp.resource("/lab/turnstile-page.html");
    private final String apiScript = LabHttp.widgetScript("/lab/turnstile-api.js");

    TurnstileLab(LabTokens tokens, WorkChallenges challenges) {
        this.tokens = tokens;
        this.challenges = challenges;
    }

    long tokensIssued() {
        return tokens.issuedCount();
    }

    void register(HttpServer server) {
        server.createContext("/turnstile/", LabHttp.handler(this::page));
        server.createContext(API_SCRIPT, LabHttp.handler(ex -> LabHttp.send(ex, 200, "text/javascript", apiScript)));
        server.createContext(BROKEN_SCRIPT, LabHttp.handler(ex -> LabHttp.send(ex, 500, "text/plain", "upstream error")));
        server.createContext("/lab/turnstile/v0/challenge", LabHttp.handler(this::challenge));
        server.createContext("/lab/turnstile/v0/answer", LabHttp.handler(this::answer));
        server.createContext("/turnstile/v0/siteverify", LabHttp.handler(this::siteverify));
        // The widget's own frame, whose address names the site key as a real widget's frame does.
        server.createContext("/lab/turnstile/v0/frame/", LabHttp.handler(ex -> LabHttp.send(ex, 200, "text/html; charset=utf-8",
                "<!doctype html><html><head><title>Lab widget</title></head><body style=\"margin:0;font:12px sans-serif\">"
                        + "TokenSniped challenge lab</body></html>")));
    }

    /** {@code /turnstile/demo} or {@code /turnstile/page?sitekey=...&action=...}. */
    private void page(HttpExchange ex) throws IOException {
        Map<String, String> q = LabHttp.query(ex);
        String siteKey = q.getOrDefault("sitekey", ChallengeLab.DEMO_SITE_KEY);
        boolean broken = LabMode.forSiteKey(siteKey).filter(m -> m == LabMode.BROKEN).isPresent();
        String html = pageTemplate.replace("{{SITE_KEY}}", LabHttp.html(siteKey))
                .replace("{{WIDGET_SCRIPT}}", broken ? BROKEN_SCRIPT : API_SCRIPT)
                .replace("{{ACTION}}", LabHttp.html(q.getOrDefault("action", "login")));
        LabHttp.send(ex, 200, "text/html; charset=utf-8", html);
    }

    private void challenge(HttpExchange ex) throws IOException {
        Map<String, String> form = LabHttp.form(ex);
        Optional<LabMode> mode = LabMode.forSiteKey(form.get("sitekey"));
        if (mode.isEmpty()) {
            LabHttp.json(ex, 400, Map.of("error", "invalid-sitekey"));
            return;
        }
        LabHttp.json(ex, 200, challenges.issue(form.get("sitekey"), form.getOrDefault("hostname", ""), mode.get()).forPage());
    }

    private void answer(HttpExchange ex) throws IOException {
        Map<String, String> form = LabHttp.form(ex);
        Optional<WorkChallenges.Challenge> answered = challenges.answer(form.get("challenge"), form.getOrDefault("nonce", ""));
        if (answered.isEmpty()) {
            LabHttp.json(ex, 200, Map.of("error", "invalid-or-expired-challenge"));
            return;
        }
        WorkChallenges.Challenge challenge = answered.get();
        if (challenge.mode() == LabMode.FAIL) {
            LabHttp.json(ex, 200, Map.of("error", "challenge-failed"));
            return;
        }
        // A page may ask for a short-lived first token (the lab's stand-in for a token kept until it expired).
        Duration lifetime = form.getOrDefault("lifetimeMs", "").matches("\\d{1,9}")
                ? Duration.ofMillis(Long.parseLong(form.get("lifetimeMs")))
                : LabTokens.LIFETIME;
        if (lifetime.compareTo(LabTokens.LIFETIME) > 0) {
            lifetime = LabTokens.LIFETIME;
        }
        String token = tokens.issue(new LabTokens.Claims(challenge.key(), challenge.hostname(),
                form.getOrDefault("action", ""), form.getOrDefault("cdata", ""),
                Instant.now().minus(LabTokens.LIFETIME).plus(lifetime)));
        LabHttp.json(ex, 200, Map.of("token", token, "expiresInMs", lifetime.toMillis()));
    }

    /** Cloudflare-style verification: form {@code secret}, {@code response}, optional {@code sitekey}. */
    private void siteverify(HttpExchange ex) throws IOException {
        Map<String, String> form = LabHttp.form(ex);
        if (!ChallengeLab.SECRET.equals(form.get("secret"))) {
            LabHttp.json(ex, 200, Map.of("success", false, "error-codes", java.util.List.of("invalid-input-secret")));
            return;
        }
        Optional<LabTokens.Claims> claims = tokens.redeem(form.get("response"), form.get("sitekey"));
        if (claims.isEmpty()) {
            LabHttp.json(ex, 200, Map.of("success", false, "error-codes", java.util.List.of("timeout-or-duplicate")));
            return;
        }
        LabTokens.Claims c = claims.get();
        LabHttp.json(ex, 200, Map.of("success", true, "hostname", c.hostname(), "action", c.action(), "cdata", c.cdata(),
                "challenge_ts", c.issuedAt().toString(), "sitekey", c.siteKey()));
    }
}
