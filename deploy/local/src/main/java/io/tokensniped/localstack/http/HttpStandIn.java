package io.tokensniped.localstack.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A small local HTTP server standing in for a party out of reach: the run command's payment sandbox (Stripe, a crypto
 * provider) and tests' stand-ins for another of our services. Routes by path prefix, JSON answers.
 */
public final class HttpStandIn implements AutoCloseable {

    private final HttpServer server;

    private HttpStandIn(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port with the given handlers by path prefix. */
    public static HttpStandIn start(Map<String, HttpHandler> routes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            routes.forEach(server::createContext);
            server.start();
            return new HttpStandIn(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers with a JSON body, or with no body when {@code body} is null; closes the exchange. */
    public static void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
