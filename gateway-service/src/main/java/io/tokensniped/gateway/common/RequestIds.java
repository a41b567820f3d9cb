package io.tokensniped.gateway.common;

import java.util.UUID;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id, on the response as X-Request-Id and in every error body, and forwarded to the
 * owning service so one id follows a request through the logs of all of them.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "tokensniped.requestId";
    private static final int FILTER_PRIORITY = 1000;

    /** Runs before every route, forwarded or not. */
    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String id = UUID.randomUUID().toString();
            ctx.put(KEY, id);
            ctx.response().putHeader(HEADER, id);
            ctx.next();
        }, FILTER_PRIORITY);
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }
}
