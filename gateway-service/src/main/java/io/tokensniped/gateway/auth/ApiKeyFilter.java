package io.tokensniped.gateway.auth;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Authenticates solve submissions before the body is validated: an anonymous caller learns nothing about fields. */
public class ApiKeyFilter {

    private final ApiKeyAuthenticator authenticator;
    private final CurrentKey current;

    public ApiKeyFilter(ApiKeyAuthenticator authenticator, CurrentKey current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/api/solve/") && "POST".equals(request.getMethod())) {
            ApiKeyAuthenticator.refuseKeyInQuery(request.getUriInfo().getRequestUri().getRawQuery());
            current.set(authenticator.authenticate(request.getHeaderString("x-api-key"),
                    request.getHeaderString("Authorization")));
        }
    }
}
