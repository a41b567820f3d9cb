package io.tokensniped.lab;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The interstitial fixture: {@code /interstitial/<mode>/...} is a protected site. Without a valid clearance cookie
 * it answers a "checking your browser" page (503, {@code cf-mitigated: challenge}) whose script runs a proof of work
 * and posts the answer back; the answer sets the {@code lab_clearance} cookie (bound to hostname and user agent,
 * expiring) and redirects to the page, which the cookie now opens. {@code /lab/interstitial/verify} is the site's
 * own check of a clearance.
 */
final class InterstitialLab {

    static final String COOKIE = "lab_clearance";
    private static final String CLEARANCE_KEY = "interstitial";
    private static final String TOKEN_PARAM = "__lab_chl_tk";
    private static final String CHALLENGE_HEADER = "cf-mitigated";
    private static final long CLEARANCE_MAX_AGE_SECONDS = LabTokens.LIFETIME.toSeconds();

    private final LabTokens tokens;
    private final WorkChallenges challenges;
    private final String challengeTemplate = LabHttp.resource("/lab/interstitial-challenge.html")
            .replace("{{WORK}}", LabHttp.resource(LabHttp.WORK_SCRIPT));

    InterstitialLab(LabTokens tokens, WorkChallenges challenges) {
        this.tokens = tokens;
        this.challenges = challenges;
    }

    void register(HttpServer server) {
        server.createContext("/interstitial/", LabHttp.handler(this::site));
        server.createContext("/lab/interstitial/broken.js",
                LabHttp.handler(ex -> LabHttp.send(ex, 500, "text/plain", "upstream error")));
        server.createContext("/lab/interstitial/verify", LabHttp.handler(this::verify));
    }

    private void site(HttpExchange ex) throws IOException {
        String[] segments = ex.getRequestURI().getPath().split("/");
        Optional<LabMode> mode = segments.length > 2 ? LabMode.named(segments[2]) : Optional.empty();
        if (mode.isEmpty()) {
            LabHttp.send(ex, 404, "text/plain", "no such lab site");
            return;
        }
        String host = hostname(ex);
        if (ex.getRequestMethod().equals("POST")) {
            answer(ex, mode.get(), host);
        } else if (clearance(ex, host).isPresent()) {
            LabHttp.send(ex, 200, "text/html; charset=utf-8",
                    "<!doctype html><html><head><title>Lab members area</title></head>"
                            + "<body><h1>Protected content</h1><p>You passed the lab's browser check.</p></body></html>");
        } else {
            challengePage(ex, mode.get(), host);
        }
    }

    private void challengePage(HttpExchange ex, LabMode mode, String host) throws IOException {
        WorkChallenges.Challenge challenge = challenges.issue(CLEARANCE_KEY, host, mode);
        String action = ex.getRequestURI().getRawPath() + "?" + TOKEN_PARAM + "=" + challenge.id();
        String html = challengeTemplate.replace("{{ACTION}}", LabHttp.html(action))
                .replace("{{CHALLENGE}}", LabHttp.toJson(challenge.forPage()))
                .replace("{{BROKEN}}", mode == LabMode.BROKEN ? "<script src=\"/lab/interstitial/broken.js\"></script>" : "");
        ex.getResponseHeaders().set(CHALLENGE_HEADER, "challenge");
        LabHttp.send(ex, 503, "text/html; charset=utf-8", html);
    }

    /** The challenge form's post: a valid proof sets the clearance and sends the browser back to the page. */
    private void answer(HttpExchange ex, LabMode mode, String host) throws IOException {
        String id = LabHttp.query(ex).get(TOKEN_PARAM);
        Optional<WorkChallenges.Challenge> answered = challenges.answer(id, LabHttp.form(ex).getOrDefault("nonce", ""));
        if (answered.isEmpty() || mode == LabMode.FAIL) {
            LabHttp.send(ex, 403, "text/html; charset=utf-8", "<!doctype html><html><head><title>Access denied</title></head>"
                    + "<body><h1>Sorry, you have been blocked</h1></body></html>");
            return;
        }
        String clearance = tokens.issue(new LabTokens.Claims(CLEARANCE_KEY, host, userAgent(ex), "", Instant.now()));
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + clearance + "; Path=/; Max-Age=" + CLEARANCE_MAX_AGE_SECONDS
                + "; HttpOnly; SameSite=Lax");
        ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawPath());
        ex.sendResponseHeaders(302, -1);
    }

    /** The site owner's check: is the clearance cookie sent with this request valid for this host and user agent? */
    private void verify(HttpExchange ex) throws IOException {
        Optional<LabTokens.Claims> claims = clearance(ex, hostname(ex));
        LabHttp.json(ex, 200, claims.<Map<String, ?>>map(c -> Map.of("success", true, "hostname", c.hostname(),
                "issuedAt", c.issuedAt().toString())).orElse(Map.of("success", false)));
    }

    private Optional<LabTokens.Claims> clearance(HttpExchange ex, String host) {
        String cookies = String.join("; ", ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of()));
        for (String cookie : cookies.split(";\\s*")) {
            if (cookie.startsWith(COOKIE + "=")) {
                return tokens.check(cookie.substring(COOKIE.length() + 1), CLEARANCE_KEY)
                        .filter(c -> c.hostname().equals(host) && c.action().equals(userAgent(ex)));
            }
        }
        return Optional.empty();
    }

    static String hostname(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }

    static String userAgent(HttpExchange ex) {
        String ua = ex.getRequestHeaders().getFirst("User-Agent");
        return ua == null ? "" : ua;
    }
}
