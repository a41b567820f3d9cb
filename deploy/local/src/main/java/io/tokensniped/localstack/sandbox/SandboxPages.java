package io.tokensniped.localstack.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/** The sandbox's few HTML pages: plain, labelled "sandbox" so nobody mistakes them for a real payment. */
final class SandboxPages {

    private static final int CENTS = 2;

    private SandboxPages() {
    }

    static String page(String title, String body) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>%s</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
                .sandbox{background:#fff4ce;border:1px solid #e0c25a;padding:.5rem .75rem;border-radius:4px}
                .amount{font-size:1.6rem;font-weight:600}button{font-size:1rem;padding:.6rem 1.2rem}</style></head>
                <body><h1>%s</h1>%s</body></html>
                """.formatted(html(title), html(title), body);
    }

    static void send(HttpExchange exchange, int status, String html) throws IOException {
        try (exchange) {
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** 303: after a form post, the browser follows with a GET. */
    static void redirect(HttpExchange exchange, String location) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(303, -1);
        }
    }

    static String usd(String cents) {
        return cents == null ? "" : "$" + new BigDecimal(cents).movePointLeft(CENTS).toPlainString();
    }

    static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
