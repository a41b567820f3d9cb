package io.tokensniped.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The Turnstile-like fixture: page, widget script, challenge and answer endpoints, and siteverify. */
final class TurnstileLab {

    /** Leading zero bits the proof of work needs: about a quarter of a million hashes, a few hundred ms in a page. */
    static final int WORK_BITS = 18;
    static final Duration SLOW_DELAY = Duration.ofSeconds(3);
    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(2);

    private record Challenge(String siteKey, String hostname, LabMode mode, Instant issuedAt) {
    }

    private final LabTokens tokens;
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String pageTemplate = resource("/lab/turnstile-page.html");
    private final String apiScript = resource("/lab/turnstile-api.js");

    TurnstileLab(LabTokens tokens) {
        this.tokens = tokens;
    }

    long tokensIssued() {
        return tokens.issuedCount();
    }

    void register(HttpServer server) {
        server.createContext("/turnstile/", LabHttp.handler(this::page));
        server.createContext("/lab/turnstile/v0/api.js", LabHttp.handler(ex -> LabHttp.send(ex, 200, "text/javascript", apiScript)));
        server.createContext("/lab/turnstile/v0/challenge", LabHttp.handler(this::challenge));
        server.createContext("/lab/turnstile/v0/answer", LabHttp.handler(this::answer));
        server.createContext("/turnstile/v0/siteverify", LabHttp.handler(this::siteverify));
    }

    /** {@code /turnstile/demo} or {@code /turnstile/page?sitekey=...&action=...}. */
    private void page(HttpExchange ex) throws IOException {
        Map<String, String> q = LabHttp.query(ex);
        String siteKey = q.getOrDefault("sitekey", ChallengeLab.DEMO_SITE_KEY);
        String html = pageTemplate.replace("{{SITE_KEY}}", LabHttp.html(siteKey))
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
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        challenges.put(id, new Challenge(form.get("sitekey"), form.getOrDefault("hostname", ""), mode.get(), Instant.now()));
        long delay = mode.get() == LabMode.SLOW ? SLOW_DELAY.toMillis() : 0;
        LabHttp.json(ex, 200, Map.of("challenge", id, "bits", WORK_BITS, "mode", mode.get().name().toLowerCase(), "delayMs", delay));
    }

    private void answer(HttpExchange ex) throws IOException {
        Map<String, String> form = LabHttp.form(ex);
        Challenge challenge = challenges.remove(form.getOrDefault("challenge", ""));
        if (challenge == null || challenge.issuedAt().plus(CHALLENGE_LIFETIME).isBefore(Instant.now())) {
            LabHttp.json(ex, 200, Map.of("error", "challenge-expired"));
            return;
        }
        if (!ProofOfWork.valid(form.get("challenge"), form.getOrDefault("nonce", ""), WORK_BITS)) {
            LabHttp.json(ex, 200, Map.of("error", "invalid-proof"));
            return;
        }
        if (challenge.mode() == LabMode.FAIL) {
            LabHttp.json(ex, 200, Map.of("error", "challenge-failed"));
            return;
        }
        String token = tokens.issue(new LabTokens.Claims(challenge.siteKey(), challenge.hostname(),
                form.getOrDefault("action", ""), form.getOrDefault("cdata", ""), Instant.now()));
        LabHttp.json(ex, 200, Map.of("token", token));
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

    private static String resource(String path) {
        try (InputStream in = TurnstileLab.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("lab resource missing: " + path, e);
        }
    }
}
