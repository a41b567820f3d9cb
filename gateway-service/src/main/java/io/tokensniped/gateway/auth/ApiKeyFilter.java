package io.tokensniped.gateway.auth;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tokensniped.support.error.ApiException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Solve submissions need an API key, checked before the body is validated: an anonymous caller learns nothing about fields. */
public class ApiKeyFilter {

    private final CurrentKey current;

    public ApiKeyFilter(CurrentKey current) {
        this.current = current;
    }

    /** The key was authenticated and metered by ApiKeyGate; solving needs one. */
    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request, RoutingContext ctx) {
        if (request.getUriInfo().getPath().startsWith("/api/solve/") && "POST".equals(request.getMethod())) {
            KnownKey key = ApiKeyGate.authenticatedKey(ctx);
            if (key == null) {
                throw ApiException.unauthorized("an API key is required (header x-api-key)");
            }
            current.set(key);
        }
    }
}
