package io.tokensniped.gateway.auth;

import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.ratelimit.ApiKeyGate;
import io.tokensniped.support.error.ApiException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the caller: the API key ApiKeyGate authenticated and metered, else a session from
 * {@code Authorization: Bearer} or the session cookie.
 */
@ApplicationScoped
public class CallerResolver {

    private static final String BEARER = "Bearer ";

    private final SessionAuthenticator sessions;
    private final String cookieName;

    public CallerResolver(SessionAuthenticator sessions, GatewayConfig config) {
        this.sessions = sessions;
        this.cookieName = config.sessions().cookieName();
    }

    /** Blocking (session checks reach Redis and, once, the key set). */
    public Principal resolve(RoutingContext ctx) {
        KnownKey key = ApiKeyGate.authenticatedKey(ctx);
        if (key != null) {
            return Principal.of(key);
        }
        HttpServerRequest request = ctx.request();
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith(BEARER)) {
            return sessions.authenticate(authorization.substring(BEARER.length()).trim());
        }
        Cookie cookie = request.getCookie(cookieName);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return sessions.authenticate(cookie.getValue());
        }
        throw ApiException.unauthorized("sign in, or send an API key in the x-api-key header");
    }

    public Principal resolveSession(RoutingContext ctx) {
        Principal principal = resolve(ctx);
        if (!principal.isSession()) {
            throw ApiException.forbidden("this route needs a signed-in session, not an API key");
        }
        return principal;
    }
}
