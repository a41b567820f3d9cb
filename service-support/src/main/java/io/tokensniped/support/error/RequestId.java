package io.tokensniped.support.error;

import io.tokensniped.support.gateway.InternalHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The id one request carries through every service's logs and error bodies: the gateway draws it for each request
 * (and keeps it in the routing context under {@link #CONTEXT_KEY}); the services behind it receive it as
 * {@link InternalHeaders#REQUEST_ID}.
 */
public final class RequestId {

    public static final String CONTEXT_KEY = "tokensniped.requestId";

    private RequestId() {
    }

    /** The request's id, or null where neither the gateway nor a forwarded header gave it one. */
    public static String of(RoutingContext ctx) {
        String drawn = ctx.get(CONTEXT_KEY);
        return drawn != null ? drawn : ctx.request().getHeader(InternalHeaders.REQUEST_ID);
    }
}
