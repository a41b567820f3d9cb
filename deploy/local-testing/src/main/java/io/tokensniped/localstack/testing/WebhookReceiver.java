package io.tokensniped.localstack.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A customer's webhook receiver as docs/webhooks.md tells customers to write one (webhooks-service/src/test/node:
 * Node, every delivery verified with the npm {@code standardwebhooks} library, deduplicated by webhook-id), run as a
 * process on a loopback port the run's TS_WEBHOOK_RECEIVERS allows. Receivers are named by path
 * ({@code /hook/<name>}); each is given its secrets, and reports what it received. Used by system-tests and
 * fault-tests.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final long INSTALL_SECONDS = 120;

    private final Process node;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private WebhookReceiver(Process node, String url) {
        this.node = node;
        this.url = url;
    }

    /** Starts the receiver in {@code nodeDir} (npm ci first if its packages are missing) on {@code port} (0: any). */
    public static WebhookReceiver start(Path nodeDir, int port) {
        try {
            if (!Files.isDirectory(nodeDir.resolve("node_modules/standardwebhooks"))) {
                Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(nodeDir.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start(); // not stdin: surefire's command channel, which npm would make non-blocking
                if (!install.waitFor(INSTALL_SECONDS, TimeUnit.SECONDS) || install.exitValue() != 0) {
                    install.destroyForcibly();
                    throw new IllegalStateException("npm ci for the webhook receiver failed in " + nodeDir);
                }
            }
            ProcessBuilder builder = new ProcessBuilder("node", "receiver.mjs").directory(nodeDir.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("PORT", Integer.toString(port));
            Process node = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("listening ")) {
                node.destroyForcibly();
                throw new IllegalStateException("the webhook receiver did not start: " + line);
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe from filling
                    }
                } catch (IOException ignored) {
                    // receiver gone
                }
            }, "webhook-receiver-output");
            drain.setDaemon(true);
            drain.start();
            return new WebhookReceiver(node, "http://127.0.0.1:" + line.substring("listening ".length()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The receiver's origin, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return url;
    }

    /** Where the named receiver listens. */
    public String hook(String name) {
        return url + "/hook/" + name;
    }

    /** Gives the named receiver the secrets it verifies with, and how many requests it answers 503 before it is up. */
    public void configure(String name, List<String> secrets, int failFirst) throws IOException, InterruptedException {
        String body = "{\"secrets\":[" + secrets.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","))
                + "],\"failFirst\":" + failFirst + "}";
        http.send(HttpRequest.newBuilder(URI.create(url + "/config/" + name)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * What the named receiver got, as JSON: {@code {requests, duplicates, received: [{id, type, data, body, at}]}}, one entry
     * per verified webhook-id ({@code at}: epoch milliseconds when it arrived), {@code duplicates} verified requests
     * whose id it had already; {@code body} is the whole verified body (a createTask callback's has no type or data).
     */
    public String received(String name) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/received/" + name)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@code {requests, duplicates, unique}} of the named receiver, without the events. */
    public String counts(String name) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/counts/" + name)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        node.destroy();
        try {
            if (!node.waitFor(5, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.destroyForcibly();
        }
    }
}
