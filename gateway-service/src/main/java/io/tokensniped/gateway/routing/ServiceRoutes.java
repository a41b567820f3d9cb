package io.tokensniped.gateway.routing;

import io.tokensniped.gateway.auth.ApiKeyAuthenticator;
import io.tokensniped.gateway.auth.KnownKey;
import io.tokensniped.gateway.common.ApiException;
import io.tokensniped.gateway.common.ErrorBodies;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Which public routes belong to which service, and who may call them. */
@ApplicationScoped
public class ServiceRoutes {

    private final ServiceForwarder forwarder;
    private final ApiKeyAuthenticator keys;
    private final ErrorBodies errors;
    private final GatewayConfig config;

    public ServiceRoutes(ServiceForwarder forwarder, ApiKeyAuthenticator keys, ErrorBodies errors, GatewayConfig config) {
        this.forwarder = forwarder;
        this.keys = keys;
        this.errors = errors;
        this.config = config;
    }

    void register(@Observes Router router) {
        // Status and history of solves: history-service, for the key's account.
        router.get("/api/solve/:id").handler(ctx -> withKey(ctx, config.services().history().url()));
    }

    private void withKey(RoutingContext ctx, String serviceUrl) {
        KnownKey key;
        try {
            key = keys.authenticate(ctx.request().getHeader("x-api-key"), ctx.request().getHeader("Authorization"));
        } catch (ApiException e) {
            errors.write(ctx, e);
            return;
        }
        forwarder.forward(ctx, serviceUrl, key.accountId());
    }
}
