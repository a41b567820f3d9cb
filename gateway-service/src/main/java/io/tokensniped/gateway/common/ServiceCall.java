package io.tokensniped.gateway.common;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.tokensniped.support.gateway.InternalHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** One internal service as the gateway calls it: the internal secret on every request, a hard deadline on each. */
public final class ServiceCall {

    public record Answer(int status, Buffer body) {
    }

    private final HttpClient client;
    private final URI service;
    private final String secret;
    private final Duration timeout;

    public ServiceCall(Vertx vertx, String serviceUrl, String secret, Duration timeout, int connections) {
        this.client = vertx
                .createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) timeout.toMillis())
                        .setMaxPoolSize(connections));
        this.service = URI.create(serviceUrl);
        this.secret = secret;
        this.timeout = timeout;
    }

    public Uni<Answer> send(HttpMethod method, String path, Buffer body, Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(service.getHost()).setPort(service.getPort())
                .setURI(path).setIdleTimeout(timeout.toMillis())
                .putHeader(InternalHeaders.SECRET, secret)
                .putHeader("Content-Type", "application/json");
        headers.forEach(options::putHeader);
        return Uni.createFrom().completionStage(() -> client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
                .toCompletionStage())
                .ifNoItem().after(timeout).fail();
    }
}
