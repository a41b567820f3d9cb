package io.tokensniped.gateway.common;

import java.util.UUID;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tokensniped.support.error.RequestId;
import io.tokensniped.support.gateway.InternalHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every request an id, on the response as X-Request-Id and in every error body, and forwarded to the
 * owning service so one id follows a request through the logs of all of them.
 */
@ApplicationScoped
public class RequestIds {

    private static final String KEY = RequestId.CONTEXT_KEY;
    private static final int FILTER_PRIORITY = 1000;

    /** Runs before every route, forwarded or not. */
    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String id = UUID.randomUUID().toString();
            ctx.put(KEY, id);
            ctx.response().putHeader(InternalHeaders.REQUEST_ID, id);
            ctx.next();
        }, FILTER_PRIORITY);
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }
}
