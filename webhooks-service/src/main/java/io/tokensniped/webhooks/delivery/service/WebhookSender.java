package io.tokensniped.webhooks.delivery.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tokensniped.support.targets.ReceiverPolicy;
import io.tokensniped.webhooks.config.WebhooksConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends one signed delivery. Connects to the address {@link ReceiverPolicy} checked (Vert.x' {@code server} option),
 * while the Host header, TLS server name and certificate check use the URL's host: a name cannot resolve to another
 * address between the check and the connection. Redirects are never followed; the whole exchange has the timeout;
 * only the first characters of the answer are kept. A hand-written Vert.x call rather than a REST client because the
 * connection address must be chosen per request.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient http;
    private final Duration timeout;
    private final int excerptChars;

    public WebhookSender(Vertx vertx, WebhooksConfig config) {
        this.timeout = config.webhooks().delivery().timeout();
        this.excerptChars = config.webhooks().delivery().excerptChars();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true)
                .setForceSni(true)
                .setMaxPoolSize(config.webhooks().delivery().concurrency())
                .setKeepAlive(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Blocks (a sender thread) for at most the timeout. */
    public AttemptResult send(ReceiverPolicy.Target target, String messageId, long timestampSeconds, String signature,
            String payload) {
        long started = System.nanoTime();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.uri().getHost())
                .setPort(target.port())
                .setSsl("https".equalsIgnoreCase(target.uri().getScheme()))
                .setURI(requestUri(target))
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "TokenSniped-Webhooks/1")
                .putHeader(WebhookSigner.ID_HEADER, messageId)
                .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestampSeconds))
                .putHeader(WebhookSigner.SIGNATURE_HEADER, signature);
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        http.request(options).onFailure(result::completeExceptionally).onSuccess(request -> {
            request.exceptionHandler(result::completeExceptionally);
            request.send(Buffer.buffer(payload, StandardCharsets.UTF_8.name())).onFailure(result::completeExceptionally)
                    .onSuccess(response -> {
                        Buffer excerpt = Buffer.buffer();
                        response.handler(chunk -> {
                            int room = excerptChars * 4 - excerpt.length();
                            if (room > 0) {
                                excerpt.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
                            }
                        });
                        response.exceptionHandler(result::completeExceptionally);
                        response.endHandler(done -> result.complete(new AttemptResult(response.statusCode(),
                                excerpt(excerpt), null, elapsed(started))));
                    });
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return AttemptResult.notSent("no answer within " + timeout.toSeconds() + " s", elapsed(started));
        } catch (ExecutionException e) {
            return AttemptResult.notSent(describe(e.getCause()), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.notSent("interrupted", elapsed(started));
        }
    }

    private static String requestUri(ReceiverPolicy.Target target) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                ? "/"
                : target.uri().getRawPath();
        return target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery();
    }

    private String excerpt(Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8);
        return text.length() <= excerptChars ? text : text.substring(0, excerptChars);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
