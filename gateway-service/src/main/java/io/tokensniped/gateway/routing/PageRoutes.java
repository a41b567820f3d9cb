package io.tokensniped.gateway.routing;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Addresses people type for the web pages the gateway serves: {@code /docs} without its slash leads to the docs
 * (Quarkus serves {@code /docs/index.html} at {@code /docs/} only). A regex route, because a plain Vert.x path
 * would also match {@code /docs/} and redirect it to itself.
 */
@ApplicationScoped
public class PageRoutes {

    private static final int MOVED_PERMANENTLY = 301;

    void register(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, "/docs").handler(ctx -> ctx.response().setStatusCode(MOVED_PERMANENTLY)
                .putHeader("Location", "/docs/").end());
    }
}
