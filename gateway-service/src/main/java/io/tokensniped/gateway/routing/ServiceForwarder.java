package io.tokensniped.gateway.routing;

import java.net.URI;
import java.util.Set;

import org.jboss.logging.Logger;

import io.tokensniped.gateway.auth.Principal;
import io.tokensniped.gateway.common.ClientAddress;
import io.tokensniped.gateway.common.ErrorBodies;
import io.tokensniped.gateway.common.RequestIds;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.gateway.InternalHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Streams a request to the owning service and its answer back, without buffering either (Server-Sent Events pass
 * through as they are written). The caller has been authenticated here; the service learns the account from
 * X-Account-Id and trusts it because of the internal secret, which no client can know.
 */
@ApplicationScoped
public class ServiceForwarder {

    /** Credentials stay at the gateway; hop-by-hop headers belong to one connection only. */
    private static final Set<String> NOT_FORWARDED = Set.of("x-api-key", "authorization", "cookie", "host", "connection",
            "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
            InternalHeaders.SECRET.toLowerCase(), InternalHeaders.ACCOUNT.toLowerCase(), InternalHeaders.SESSION.toLowerCase(),
            InternalHeaders.SESSION_EXPIRES.toLowerCase(), InternalHeaders.CLIENT_ADDRESS.toLowerCase(),
            InternalHeaders.REQUEST_ID.toLowerCase());
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding",
            InternalHeaders.REQUEST_ID.toLowerCase());
    private static final int RETRY_AFTER_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(ServiceForwarder.class);

    private final HttpClient client;
    private final ErrorBodies errors;
    private final String secret;

    private final ClientAddress clientAddress;

    public ServiceForwarder(Vertx vertx, ErrorBodies errors, ClientAddress clientAddress, GatewayConfig config) {
        this.clientAddress = clientAddress;
        // Each open stream holds its own connection to the owning service: the pool must not cap them at a handful.
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000)
                .setMaxPoolSize(config.services().forwardConnections()));
        this.errors = errors;
        this.secret = config.internal().secret();
    }

    /** Forwards as the given caller; null for routes open to anyone (sign-up, sign-in). */
    public void forward(RoutingContext ctx, String serviceUrl, Principal caller) {
        HttpServerRequest in = ctx.request();
        in.pause();
        URI base = URI.create(serviceUrl);
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(base.getHost()).setPort(base.getPort())
                .setURI(in.uri());
        client.request(options).onSuccess(out -> {
            copy(in.headers(), out.headers(), NOT_FORWARDED);
            out.putHeader(InternalHeaders.SECRET, secret);
            out.putHeader(InternalHeaders.REQUEST_ID, RequestIds.of(ctx));
            // The client behind a trusted proxy, not the proxy: sign-in throttling per address depends on it.
            out.putHeader(InternalHeaders.CLIENT_ADDRESS, clientAddress.of(in));
            if (caller != null) {
                out.putHeader(InternalHeaders.ACCOUNT, caller.accountId().toString());
                if (caller.isSession()) {
                    out.putHeader(InternalHeaders.SESSION, caller.sessionId());
                    out.putHeader(InternalHeaders.SESSION_EXPIRES, caller.sessionExpiresAt().toString());
                }
            }
            out.send(in).onSuccess(answer -> relay(ctx, answer)).onFailure(e -> unavailable(ctx, serviceUrl, e));
        }).onFailure(e -> unavailable(ctx, serviceUrl, e));
    }

    private void relay(RoutingContext ctx, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(answer.statusCode());
        copy(answer.headers(), response.headers(), NOT_RETURNED);
        if (!answer.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private void unavailable(RoutingContext ctx, String serviceUrl, Throwable e) {
        LOG.warnf("forwarding %s to %s failed: %s", ctx.request().path(), serviceUrl, e.toString());
        ctx.request().resume();
        errors.write(ctx, ApiException.unavailable("a backing service is unavailable, retry shortly", RETRY_AFTER_SECONDS));
    }

    private static void copy(MultiMap from, MultiMap to, Set<String> skip) {
        from.forEach(h -> {
            if (!skip.contains(h.getKey().toLowerCase())) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }
}
