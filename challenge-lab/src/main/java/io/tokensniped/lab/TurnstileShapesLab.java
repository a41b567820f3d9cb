package io.tokensniped.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The pages of {@link TurnstileShape}: each embeds the lab's widget the way that shape does, or misbehaves around it. */
final class TurnstileShapesLab {

    private static final String PREFIX = "/turnstile/shape/";
    private static final String API = "/lab/turnstile/v0/api.js";
    private static final String DOWNLOAD = "/lab/misbehave/download.bin";
    private static final int DOWNLOAD_BYTES = 1024 * 1024;
    /** The size of the HUGE page: what a page full of inline data can weigh. */
    private static final long HUGE_BYTES = 50L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final int LATE_WIDGET_MS = 3000;
    private static final int EXECUTE_AFTER_MS = 1000;

    void register(HttpServer server) {
        server.createContext(PREFIX, LabHttp.handler(this::page));
        server.createContext(DOWNLOAD, LabHttp.handler(ex -> {
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"lab.bin\"");
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, DOWNLOAD_BYTES);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[DOWNLOAD_BYTES]);
            }
        }));
    }

    private void page(HttpExchange ex) throws IOException {
        String[] segments = ex.getRequestURI().getPath().split("/");
        Optional<TurnstileShape> shape = segments.length > 3 ? TurnstileShape.named(segments[3]) : Optional.empty();
        if (shape.isEmpty()) {
            LabHttp.send(ex, 404, "text/plain", "no such lab page");
            return;
        }
        Map<String, String> q = LabHttp.query(ex);
        String siteKey = q.getOrDefault("sitekey", ChallengeLab.DEMO_SITE_KEY);
        String action = q.getOrDefault("action", "");
        String cdata = q.getOrDefault("cdata", "");
        boolean inner = segments.length > 4 && segments[4].equals("inner");
        if (shape.get() == TurnstileShape.HUGE) {
            huge(ex, implicit(siteKey, action, cdata, ""));
            return;
        }
        String body = inner ? implicit(siteKey, action, cdata, "") : body(shape.get(), siteKey, action, cdata, ex);
        LabHttp.send(ex, 200, "text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Lab shop - " + shape.get().pathName() + "</title></head><body><h1>Lab shop</h1>" + body
                + "</body></html>");
    }

    private static String implicit(String siteKey, String action, String cdata, String extra) {
        return "<form method=\"post\" action=\"/turnstile/submit\"><div class=\"cf-turnstile\" data-sitekey=\""
                + LabHttp.html(siteKey)
                + "\" data-action=\"" + LabHttp.html(action) + "\" data-cdata=\"" + LabHttp.html(cdata) + "\"" + extra
                + "></div>"
                + "<button>Sign in</button></form><script src=\"" + API + "\" async defer></script>";
    }

    /** A script for the page setting {@code name} to a JSON value. */
    private static String settings(String siteKey, String action, String cdata) {
        return "<script>var lab = " + LabHttp.toJson(Map.of("sitekey", siteKey, "action", action, "cData", cdata))
                .replace("<", "\\u003c") + ";</script>";
    }

    private static String explicitApi() {
        return "<script src=\"" + API + "?render=explicit&onload=labReady\" async defer></script>";
    }

    private String body(TurnstileShape shape, String siteKey, String action, String cdata, HttpExchange ex) {
        return switch (shape) {
            case EXPLICIT -> "<div id=\"login-check\"></div>" + settings(siteKey, action, cdata)
                    + "<script>function labReady() { turnstile.render('#login-check', { sitekey: lab.sitekey, action: lab.action,"
                    + " cData: lab.cData, 'response-field': false, callback: function (t) { window.loginToken = t; } }); }</script>"
                    + explicitApi();
            case CUSTOM_FIELD -> implicit(siteKey, action, cdata, " data-response-field-name=\"captcha_answer\"");
            case EXECUTE -> "<div id=\"invisible\"></div>" + settings(siteKey, action, cdata)
                    + "<script>function labReady() { var id = turnstile.render('#invisible', { sitekey: lab.sitekey,"
                    + " action: lab.action, cData: lab.cData, execution: 'execute' });"
                    + " setTimeout(function () { turnstile.execute(id); }, " + EXECUTE_AFTER_MS + "); }</script>"
                    + explicitApi();
            case TWO_WIDGETS -> implicit(otherKey(siteKey), "newsletter", "", "") + implicit(siteKey, action, cdata, "")
                    .replace("<script src=\"" + API + "\" async defer></script>", "");
            case LATE -> "<div id=\"app\">Loading the app...</div>" + settings(siteKey, action, cdata)
                    + "<script>function labReady() { setTimeout(function () { var d = document.createElement('div');"
                    + " d.className = 'cf-turnstile'; d.setAttribute('data-sitekey', lab.sitekey); d.setAttribute('data-action', lab.action);"
                    + " d.setAttribute('data-cdata', lab.cData); document.getElementById('app').appendChild(d); turnstile.render(d); }, "
                    + LATE_WIDGET_MS + "); }</script>" + explicitApi();
            case IFRAME -> "<iframe title=\"sign in\" style=\"width:420px;height:240px;border:0\" src=\""
                    + LabHttp.html(PREFIX + "iframe/inner?" + ex.getRequestURI().getRawQuery()) + "\"></iframe>";
            case EXPIRING ->
                implicit(siteKey, action, cdata, " data-lab-first-lifetime-ms=\"0\" data-refresh-expired=\"auto\"");
            case ACTION_CDATA -> implicit(siteKey, action, cdata, "");
            case DIALOGS ->
                "<script>alert('Welcome to the lab shop'); confirm('Stay signed in?'); prompt('Your name?');</script>"
                        + implicit(siteKey, action, cdata, "");
            case POPUPS -> "<script>window.open('/turnstile/demo'); window.open('about:blank', 'ad');</script>"
                    + implicit(siteKey, action, cdata, "");
            case DOWNLOAD -> implicit(siteKey, action, cdata, "") + "<script>var a = document.createElement('a'); a.href = '"
                    + DOWNLOAD + "'; a.download = 'lab.bin'; document.body.appendChild(a); a.click();</script>";
            case BEFOREUNLOAD ->
                "<script>addEventListener('beforeunload', function (e) { e.preventDefault(); e.returnValue = ''; });"
                        + "</script>" + implicit(siteKey, action, cdata, "");
            case BUSY_LOOP ->
                implicit(siteKey, action, cdata, "") + "<script>setTimeout(function () { for (;;) { } }, 0);</script>";
            case HUGE -> throw new IllegalStateException("served by huge()");
        };
    }

    /** A second passing site key, different from the one asked for. */
    private static String otherKey(String siteKey) {
        return LabMode.PASS.siteKey().equals(siteKey) ? LabMode.SLOW.siteKey() : LabMode.PASS.siteKey();
    }

    /** The widget page followed by 50 MB of inline data (an HTML comment), streamed rather than held. */
    private static void huge(HttpExchange ex, String widget) throws IOException {
        byte[] head = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lab shop - huge</title></head>"
                + "<body><h1>Lab shop</h1>" + widget + "<!--").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "--></body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] filler = "x".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, head.length + HUGE_BYTES + tail.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(head);
            for (long sent = 0; sent < HUGE_BYTES; sent += CHUNK) {
                out.write(filler, 0, (int) Math.min(CHUNK, HUGE_BYTES - sent));
            }
            out.write(tail);
        }
    }
}
