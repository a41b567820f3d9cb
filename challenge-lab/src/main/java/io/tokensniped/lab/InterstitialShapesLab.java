package io.tokensniped.lab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The catalogue of interstitial page shapes ({@link InterstitialShape}): {@code /interstitial/shape/<name>/...} is a
 * protected site that answers a challenge of that shape until the browser holds a clearance for it, bound to host and
 * user agent, with as many rounds as the shape has. {@code POST /lab/interstitial/shapes/verify} is the site owner's
 * check of a clearance: accepted once, refused when replayed.
 */
final class InterstitialShapesLab {

    private static final String PREFIX = "/interstitial/shape/";
    private static final String ANSWER = "/lab/interstitial/shapes/answer";
    private static final String PING = "/lab/interstitial/shapes/ping";
    private static final String VERIFY = "/lab/interstitial/shapes/verify";
    private static final String CHECK_SCRIPT = "/lab/interstitial/shape-check.js";
    private static final String HOP = "__hop";
    private static final String TOKEN_PARAM = "__lab_chl_tk";
    private static final long MAX_AGE_SECONDS = LabTokens.LIFETIME.toSeconds();
    /** A cookie that opens the site "after Retry-After" opens it this much earlier, so a timely refresh never misses. */
    private static final Duration RETRY_MARGIN = Duration.ofMillis(250);
    private static final String STUCK_PING_MS = "500";

    private final LabTokens tokens;
    private final WorkChallenges challenges;
    private final String template = LabHttp.resource("/lab/interstitial-shape.html");
    private final String work = LabHttp.resource(LabHttp.WORK_SCRIPT);
    private final String checkScript = LabHttp.resource("/lab/interstitial-shape-check.js");

    InterstitialShapesLab(LabTokens tokens, WorkChallenges challenges) {
        this.tokens = tokens;
        this.challenges = challenges;
    }

    void register(HttpServer server) {
        server.createContext(PREFIX, LabHttp.handler(this::site));
        server.createContext(ANSWER, LabHttp.handler(this::answer));
        server.createContext(PING, LabHttp.handler(ex -> LabHttp.json(ex, 200, Map.of("busy", true))));
        server.createContext(VERIFY, LabHttp.handler(this::verify));
        server.createContext(CHECK_SCRIPT, LabHttp.handler(ex -> LabHttp.send(ex, 200, "text/javascript", checkScript)));
    }

    private static String key(InterstitialShape shape) {
        return "shape:" + shape.pathName();
    }

    private void site(HttpExchange ex) throws IOException {
        String[] segments = ex.getRequestURI().getPath().split("/");
        Optional<InterstitialShape> found = segments.length > 3 ? InterstitialShape.named(segments[3]) : Optional.empty();
        if (found.isEmpty()) {
            LabHttp.send(ex, 404, "text/plain", "no such lab site");
            return;
        }
        InterstitialShape shape = found.get();
        String host = InterstitialLab.hostname(ex);
        if (segments.length > 4 && segments[4].equals(HOP) && shape.clearance == InterstitialShape.Clearance.VIA_HOP) {
            hop(ex, shape, host);
            return;
        }
        if (ex.getRequestMethod().equals("POST")) {
            formAnswer(ex, shape, host);
            return;
        }
        int round = clearedRounds(ex, shape, host);
        if (shape == InterstitialShape.NONE || round >= shape.rounds) {
            LabHttp.send(ex, 200, "text/html; charset=utf-8",
                    "<!doctype html><html><head><title>Lab members area</title></head>"
                            + "<body><h1>Protected content</h1><p>You are on the " + shape.pathName()
                            + " lab site.</p></body></html>");
            return;
        }
        challengePage(ex, shape, host, round + 1);
    }

    /** How many rounds the request's clearance cookie proves (0 without a valid one). */
    private int clearedRounds(HttpExchange ex, InterstitialShape shape, String host) {
        return cookie(ex).flatMap(value -> tokens.check(value, key(shape)))
                .filter(c -> c.hostname().equals(host) && c.action().equals(InterstitialLab.userAgent(ex))
                        && !c.issuedAt().isAfter(Instant.now()))
                .map(c -> Integer.parseInt(c.cdata())).orElse(0);
    }

    private static Optional<String> cookie(HttpExchange ex) {
        String cookies = ex.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return Optional.empty();
        }
        for (String cookie : cookies.split(";\\s*")) {
            if (cookie.startsWith(InterstitialLab.COOKIE + "=")) {
                return Optional.of(cookie.substring(InterstitialLab.COOKIE.length() + 1));
            }
        }
        return Optional.empty();
    }

    private void challengePage(HttpExchange ex, InterstitialShape shape, String host, int round) throws IOException {
        boolean vendor = shape.markup == InterstitialShape.Markup.VENDOR_LIKE;
        String title = vendor ? "Just a moment..." : "Lab site";
        String heading = vendor ? "Checking your browser before accessing the lab site" : "One more step";
        String refresh = "";
        String body;
        switch (shape.clearance) {
            case SET_COOKIE_WITH_RETRY -> {
                // The answer carries a clearance that starts to count only after the wait, as a site that wants the
                // visitor back after Retry-After would; the browser comes back by a meta refresh, not by script.
                Instant opensAt = Instant.now().plus(shape.wait).minus(RETRY_MARGIN);
                setClearance(ex, shape, issue(shape, host, InterstitialLab.userAgent(ex), round,
                        opensAt.isAfter(Instant.now()) ? opensAt : Instant.now()), false);
                if (shape == InterstitialShape.RETRY_AFTER) {
                    ex.getResponseHeaders().set("Retry-After", Long.toString(shape.wait.toSeconds()));
                }
                refresh = "<meta http-equiv=\"refresh\" content=\"" + shape.wait.toSeconds() + "\">";
                body = "<p>We will take you to the page in a moment.</p>";
            }
            case NEVER -> body = "<p>We are making sure the connection is fine.</p><script>setInterval(function () {"
                    + " fetch('" + PING + "', { method: 'POST' }); }, " + STUCK_PING_MS + ");</script>";
            default -> {
                WorkChallenges.Challenge challenge = challenges.issue(key(shape) + ":" + round, host, LabMode.PASS,
                        shape.workBits, shape.wait);
                String formId = vendor ? "challenge-form" : "check";
                String action = ex.getRequestURI().getRawPath() + "?" + TOKEN_PARAM + "=" + challenge.id();
                String settings = LabHttp.toJson(Map.of("clearance", shape.clearance.name().toLowerCase(java.util.Locale.ROOT),
                        "answer", ANSWER + "?shape=" + shape.pathName(), "hop", shape.path() + HOP, "form", formId));
                body = "<p>This takes a moment.</p><form id=\"" + formId + "\" method=\"POST\" action=\"" + LabHttp.html(action)
                        + "\"><input type=\"hidden\" name=\"nonce\" value=\"\"></form>"
                        + "<script>" + work + "</script><script>var labChallenge = " + LabHttp.toJson(challenge.forPage())
                        + "; var labShape = " + settings + ";</script><script src=\"" + CHECK_SCRIPT + "\"></script>";
            }
        }
        if (shape.vendorHeader) {
            ex.getResponseHeaders().set("cf-mitigated", "challenge");
        }
        LabHttp.send(ex, shape.status, "text/html; charset=utf-8", template.replace("{{TITLE}}", title)
                .replace("{{REFRESH}}", refresh).replace("{{HEADING}}", heading).replace("{{BODY}}", body));
    }

    /** The challenge form's post: a valid proof sets the clearance for this round and sends the browser back. */
    private void formAnswer(HttpExchange ex, InterstitialShape shape, String host) throws IOException {
        Optional<Integer> round = answered(shape, LabHttp.query(ex).get(TOKEN_PARAM), LabHttp.form(ex).get("nonce"));
        if (round.isEmpty()) {
            blocked(ex);
            return;
        }
        setClearance(ex, shape, issue(shape, host, InterstitialLab.userAgent(ex), round.get(), Instant.now()), true);
        ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawPath());
        ex.sendResponseHeaders(302, -1);
    }

    /** The script's fetch: the clearance as a Set-Cookie, or as a value for document.cookie. */
    private void answer(HttpExchange ex) throws IOException {
        Optional<InterstitialShape> shape = InterstitialShape.named(LabHttp.query(ex).getOrDefault("shape", ""));
        Map<String, String> form = LabHttp.form(ex);
        Optional<Integer> round = shape.flatMap(s -> answered(s, form.get("challenge"), form.get("nonce")));
        if (round.isEmpty()) {
            LabHttp.json(ex, 403, Map.of("error", "invalid-or-expired-challenge"));
            return;
        }
        String clearance = issue(shape.get(), InterstitialLab.hostname(ex), InterstitialLab.userAgent(ex), round.get(),
                Instant.now());
        if (shape.get().clearance == InterstitialShape.Clearance.FETCH_SET_COOKIE) {
            setClearance(ex, shape.get(), clearance, true);
            LabHttp.json(ex, 200, Map.of("ok", true));
            return;
        }
        LabHttp.json(ex, 200, Map.of("cookie", InterstitialLab.COOKIE + "=" + clearance + "; path=" + shape.get().path()
                + "; max-age=" + MAX_AGE_SECONDS + "; samesite=lax"));
    }

    /** The intermediate path: checks the proof, sets the clearance, and sends the browser back by script. */
    private void hop(HttpExchange ex, InterstitialShape shape, String host) throws IOException {
        Map<String, String> q = LabHttp.query(ex);
        String back = q.getOrDefault("back", "");
        Optional<Integer> round = answered(shape, q.get("tk"), q.get("nonce"));
        if (round.isEmpty() || !back.startsWith(shape.path()) || back.contains(HOP)) {
            blocked(ex);
            return;
        }
        setClearance(ex, shape, issue(shape, host, InterstitialLab.userAgent(ex), round.get(), Instant.now()), true);
        LabHttp.send(ex, 200, "text/html; charset=utf-8", "<!doctype html><html><head><title>Redirecting</title></head><body>"
                + "<p>Taking you back.</p><script>location.replace(" + LabHttp.toJson(back).replace("<", "\\u003c")
                + ");</script></body></html>");
    }

    /** The round a valid proof answers, when the challenge was issued for this shape. */
    private Optional<Integer> answered(InterstitialShape shape, String id, String nonce) {
        String prefix = key(shape) + ":";
        return challenges.answer(id, nonce == null ? "" : nonce).filter(c -> c.key().startsWith(prefix))
                .map(c -> Integer.parseInt(c.key().substring(prefix.length())));
    }

    private String issue(InterstitialShape shape, String host, String userAgent, int round, Instant validFrom) {
        return tokens.issue(new LabTokens.Claims(key(shape), host, userAgent, Integer.toString(round), validFrom));
    }

    private static void setClearance(HttpExchange ex, InterstitialShape shape, String clearance, boolean httpOnly) {
        ex.getResponseHeaders().add("Set-Cookie", InterstitialLab.COOKIE + "=" + clearance + "; Path=" + shape.path()
                + "; Max-Age=" + MAX_AGE_SECONDS + (httpOnly ? "; HttpOnly" : "") + "; SameSite=Lax");
    }

    private static void blocked(HttpExchange ex) throws IOException {
        LabHttp.send(ex, 403, "text/html; charset=utf-8", "<!doctype html><html><head><title>Access denied</title></head>"
                + "<body><h1>Sorry, you have been blocked</h1></body></html>");
    }

    /**
     * The site owner's check: form {@code shape}, {@code clearance} (the cookie's value) and {@code userAgent}. A
     * clearance proving every round of that shape for that user agent is accepted once.
     */
    private void verify(HttpExchange ex) throws IOException {
        Map<String, String> form = LabHttp.form(ex);
        Optional<InterstitialShape> shape = InterstitialShape.named(form.getOrDefault("shape", ""));
        Optional<LabTokens.Claims> claims = shape.flatMap(s -> tokens.check(form.get("clearance"), key(s))
                .filter(c -> c.action().equals(form.getOrDefault("userAgent", "")) && Integer.parseInt(c.cdata()) >= s.rounds)
                .flatMap(c -> tokens.redeem(form.get("clearance"), key(s))));
        if (claims.isEmpty()) {
            LabHttp.json(ex, 200, Map.of("success", false, "error-codes", java.util.List.of("invalid-used-or-expired")));
            return;
        }
        LabHttp.json(ex, 200, Map.of("success", true, "shape", shape.get().pathName(), "hostname", claims.get().hostname(),
                "rounds", Integer.parseInt(claims.get().cdata())));
    }
}
