package io.tokensniped.gateway.auth;

import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.error.ApiException;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the caller: the API key ApiKeyGate authenticated and metered, else the session token of the request's
 * {@link Credentials} ({@code Authorization: Bearer} or the session cookie).
 */
@ApplicationScoped
public class CallerResolver {

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
        String session = Credentials.of(ctx, cookieName).sessionToken();
        if (session != null) {
            return sessions.authenticate(session);
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
