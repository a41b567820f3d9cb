package io.tokensniped.gateway.auth;

import io.tokensniped.gateway.common.ApiException;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the caller's credential: {@code x-api-key}, {@code Authorization: Bearer} (an API key or a session token),
 * or the session cookie. A key in the query string is refused outright: URLs end up in logs.
 */
@ApplicationScoped
public class CallerResolver {

    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator apiKeys;
    private final SessionAuthenticator sessions;
    private final String cookieName;

    public CallerResolver(ApiKeyAuthenticator apiKeys, SessionAuthenticator sessions, GatewayConfig config) {
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.cookieName = config.sessions().cookieName();
    }

    /** Blocking (session checks reach Redis and, once, the key set). */
    public Principal resolve(HttpServerRequest request) {
        ApiKeyAuthenticator.refuseKeyInQuery(request.query());
        String apiKey = request.getHeader("x-api-key");
        String authorization = request.getHeader("Authorization");
        if (apiKey != null || (authorization != null && authorization.startsWith(BEARER + "sk_"))) {
            return Principal.of(apiKeys.authenticate(apiKey, authorization));
        }
        if (authorization != null && authorization.startsWith(BEARER)) {
            return sessions.authenticate(authorization.substring(BEARER.length()).trim());
        }
        Cookie cookie = request.getCookie(cookieName);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return sessions.authenticate(cookie.getValue());
        }
        throw ApiException.unauthorized("sign in, or send an API key in the x-api-key header");
    }

    public Principal resolveSession(HttpServerRequest request) {
        Principal principal = resolve(request);
        if (!principal.isSession()) {
            throw ApiException.forbidden("this route needs a signed-in session, not an API key");
        }
        return principal;
    }
}
