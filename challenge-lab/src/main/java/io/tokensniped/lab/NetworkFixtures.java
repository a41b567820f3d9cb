package io.tokensniped.lab;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Pages that make a browser reach for other addresses, for the solver's SSRF tests: a redirect to any URL, a
 * Turnstile page that also loads a script from any URL, and a probe that counts who reached it.
 */
final class NetworkFixtures {

    private final AtomicLong probeHits = new AtomicLong();

    void register(HttpServer server) {
        server.createContext("/lab/redirect", LabHttp.handler(ex -> {
            ex.getResponseHeaders().set("Location", LabHttp.query(ex).getOrDefault("to", "/"));
            ex.sendResponseHeaders(302, -1);
        }));
        server.createContext("/lab/embed", LabHttp.handler(ex -> {
            Map<String, String> q = LabHttp.query(ex);
            String siteKey = q.getOrDefault("sitekey", ChallengeLab.DEMO_SITE_KEY);
            // A parser-blocking script: the browser asks for it before the widget can start, so the request (and
            // its refusal) always happens within the solve.
            String html = "<!doctype html><html><head><title>Lab embed</title>"
                    + "<script src=\"" + LabHttp.html(q.getOrDefault("src", "/lab/probe")) + "\"></script>"
                    + "<script src=\"/lab/turnstile/v0/api.js\"></script></head><body>"
                    + "<div class=\"cf-turnstile\" data-sitekey=\"" + LabHttp.html(siteKey) + "\"></div></body></html>";
            LabHttp.send(ex, 200, "text/html; charset=utf-8", html);
        }));
        server.createContext("/lab/probe", LabHttp.handler(ex -> {
            probeHits.incrementAndGet();
            LabHttp.send(ex, 200, "text/javascript", "window.__labProbed = true;");
        }));
    }

    long probeHits() {
        return probeHits.get();
    }
}
