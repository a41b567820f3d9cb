package io.tokensniped.gateway.bench;

import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The gateway benchmark's baseline: a route that answers 204 and does nothing else, reached through the same HTTP
 * server and filters (request ids, CORS, the API-key gate) as every other route. It exists only when
 * {@code tokensniped.bench.bare-route} is on, which nothing but bench/gateway sets.
 */
@ApplicationScoped
public class BareRoute {

    static final String PATH = "/api/bench/bare";
    private static final int NO_CONTENT = 204;

    void register(@Observes Router router, GatewayConfig config) {
        if (config.bench().bareRoute()) {
            router.get(PATH).handler(ctx -> ctx.response().setStatusCode(NO_CONTENT).end());
        }
    }
}
