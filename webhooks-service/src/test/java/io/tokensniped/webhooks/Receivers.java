package io.tokensniped.webhooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokensniped.localstack.http.HttpStandIn;

/**
 * The customers' receivers, started before the service so it can be told their exact loopback origins (the operator
 * setting tests and the run command's sandbox use; the service refuses loopback otherwise): a Node receiver that
 * verifies every delivery with the npm {@code standardwebhooks} library, one that answers 500 forever, and one that
 * must never be reached (not allowed).
 */
public class Receivers implements QuarkusTestResourceLifecycleManager {

    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    static final Duration NODE_START = Duration.ofSeconds(60);

    static Process node;
    static String nodeUrl;
    static HttpStandIn failing;
    static final AtomicInteger failingHits = new AtomicInteger();
    static HttpStandIn forbidden;
    static final AtomicInteger forbiddenHits = new AtomicInteger();
    static final List<String> failingIds = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            if (!Files.isDirectory(NODE_DIR.resolve("node_modules/standardwebhooks"))) {
                Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_DIR.toFile())
                        .inheritIO().start();
                if (!install.waitFor(NODE_START.toSeconds(), TimeUnit.SECONDS) || install.exitValue() != 0) {
                    throw new IllegalStateException("npm ci for the test receiver failed");
                }
            }
            node = new ProcessBuilder("node", "receiver.mjs").directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("listening ")) {
                throw new IllegalStateException("the Node receiver did not start: " + line);
            }
            nodeUrl = "http://127.0.0.1:" + line.substring("listening ".length()).trim();
            failing = HttpStandIn.start(Map.of("/", exchange -> {
                failingHits.incrementAndGet();
                failingIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                HttpStandIn.answer(exchange, 500, "{\"error\":\"receiver is broken\"}");
            }));
            forbidden = HttpStandIn.start(Map.of("/", exchange -> {
                forbiddenHits.incrementAndGet();
                HttpStandIn.answer(exchange, 200, "{}");
            }));
            return Map.of("tokensniped.webhooks.operator-allowed-origins", nodeUrl + "," + failing.baseUrl());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (node != null) {
            node.destroy();
        }
        if (failing != null) {
            failing.close();
            forbidden.close();
        }
    }

    /** Sets a Node endpoint's secrets and how many requests it answers 503 before it comes up. */
    static void configure(String name, List<String> secrets, int failFirst) throws Exception {
        String body = "{\"secrets\":[" + String.join(",", secrets.stream().map(s -> "\"" + s + "\"").toList())
                + "],\"failFirst\":" + failFirst + "}";
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(nodeUrl + "/config/" + name))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    static String received(String name) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(nodeUrl + "/received/" + name)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
