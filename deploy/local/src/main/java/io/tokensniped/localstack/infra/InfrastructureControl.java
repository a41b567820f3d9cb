package io.tokensniped.localstack.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Lets a test stop and start the shared embedded Kafka broker of a test run, which lives in the infrastructure
 * process ({@code --infra-only}): {@code POST /kafka/stop}, {@code POST /kafka/start}. Loopback only, and only in
 * that mode; nothing like it exists in a deployment.
 */
public final class InfrastructureControl implements AutoCloseable {

    public static final String ENVIRONMENT_VARIABLE = "TS_INFRA_CONTROL";

    private final HttpServer server;

    private InfrastructureControl(HttpServer server) {
        this.server = server;
    }

    public static InfrastructureControl start(LocalInfrastructure infra) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/kafka/", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod()) || infra.embeddedBroker().isEmpty()) {
                    answer(exchange, 409, "only an embedded broker can be stopped and started, with POST");
                    return;
                }
                KafkaBroker broker = infra.embeddedBroker().get();
                switch (exchange.getRequestURI().getPath()) {
                    case "/kafka/stop" -> broker.stop();
                    case "/kafka/start" -> broker.start();
                    default -> {
                        answer(exchange, 404, "unknown action");
                        return;
                    }
                }
                answer(exchange, 200, "done");
            } catch (Exception e) {
                answer(exchange, 500, e.toString());
            }
        });
        server.start();
        return new InfrastructureControl(server);
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
