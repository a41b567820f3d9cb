package io.tokensniped.gateway.routing;

import java.util.function.Function;

import io.tokensniped.gateway.auth.CallerResolver;
import io.tokensniped.gateway.auth.Principal;
import io.tokensniped.gateway.common.ErrorBodies;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.error.ApiException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Which public routes belong to which service, and who may call them. */
@ApplicationScoped
public class ServiceRoutes {

    private final ServiceForwarder forwarder;
    private final CallerResolver callers;
    private final ErrorBodies errors;
    private final GatewayConfig config;

    public ServiceRoutes(ServiceForwarder forwarder, CallerResolver callers, ErrorBodies errors, GatewayConfig config) {
        this.forwarder = forwarder;
        this.callers = callers;
        this.errors = errors;
        this.config = config;
    }

    void register(@Observes Router router) {
        String keys = config.services().keys().url();
        String history = config.services().history().url();
        String billing = config.services().billing().url();
        String webhooks = config.services().webhooks().url();
        // Accounts: signing up and in need no credential; the rest of /api/auth needs the session itself.
        router.post("/api/auth/sign-up/email").handler(ctx -> forwarder.forward(ctx, keys, null));
        router.post("/api/auth/sign-in/email").handler(ctx -> forwarder.forward(ctx, keys, null));
        router.route("/api/auth/*").handler(ctx -> authenticated(ctx, keys, callers::resolveSession));
        // API keys are managed from a signed-in session only.
        router.route("/api/keys").handler(ctx -> authenticated(ctx, keys, callers::resolveSession));
        router.route("/api/keys/*").handler(ctx -> authenticated(ctx, keys, callers::resolveSession));
        // The hosts an account may solve on (an extension of the contract, see docs/api-extensions.md).
        router.route("/api/targets").handler(ctx -> authenticated(ctx, keys, callers::resolveSession));
        router.route("/api/targets/*").handler(ctx -> authenticated(ctx, keys, callers::resolveSession));
        // Outbound webhooks (an extension, docs/webhooks.md): endpoints and their delivery logs, signed-in session only.
        router.route("/api/webhooks").handler(ctx -> authenticated(ctx, webhooks, callers::resolveSession));
        router.route("/api/webhooks/*").handler(ctx -> authenticated(ctx, webhooks, callers::resolveSession));
        // Status, history and streams of solves: an API key or a session, for its account. Streams are relayed as
        // they are written (ServiceForwarder never buffers).
        router.get("/api/solve/:id").handler(ctx -> authenticated(ctx, history, callers::resolve));
        router.get("/api/solve/:id/stream").handler(ctx -> authenticated(ctx, history, callers::resolve));
        router.get("/api/stream/*").handler(ctx -> authenticated(ctx, history, callers::resolve));
        // Billing: the balance with an API key or a session; payment providers' webhooks prove themselves by their
        // signatures (checked by billing-service); the price list is public; everything else is the signed-in dashboard's.
        router.get("/api/billing/balance").handler(ctx -> authenticated(ctx, billing, callers::resolve));
        router.post("/api/billing/webhooks/*").handler(ctx -> forwarder.forward(ctx, billing, null));
        // The price list is public: prices are read before anyone signs up (docs/api-extensions.md).
        router.get("/api/billing/pricing").handler(ctx -> forwarder.forward(ctx, billing, null));
        router.route("/api/billing/*").handler(ctx -> authenticated(ctx, billing, callers::resolveSession));
    }

    /** Credential checks may block (Redis, the key set): done on a worker, then forwarded from the event loop. */
    private void authenticated(RoutingContext ctx, String serviceUrl, Function<RoutingContext, Principal> resolve) {
        ctx.request().pause();
        ctx.vertx().<Principal>executeBlocking(() -> resolve.apply(ctx), false).onComplete(result -> {
            if (result.succeeded()) {
                forwarder.forward(ctx, serviceUrl, result.result());
            } else if (result.cause() instanceof ApiException e) {
                ctx.request().resume();
                errors.write(ctx, e);
            } else {
                ctx.request().resume();
                errors.write(ctx, ApiException.unauthorized("could not verify the credential"));
            }
        });
    }
}
