package io.tokensniped.gateway.auth;

import java.util.regex.Pattern;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What a request presents to prove who it is, read once from its headers and cookie (../shared/api/README.md,
 * Authentication): an API key as {@code x-api-key: sk_...} or {@code Authorization: Bearer sk_...}, else a session
 * token as {@code Authorization: Bearer <jwt>} or the session cookie. The header key wins over the Authorization
 * header, and a bearer token wins over the cookie. Either part is null when not presented; nothing here is verified.
 */
public record Credentials(String apiKey, String sessionToken) {

    static final String API_KEY_HEADER = "x-api-key";
    static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";
    /** A bearer token that is an API key rather than a session: the prefix every key (live or test) starts with. */
    private static final String BEARER_KEY = BEARER + "sk_";
    private static final String PARSED = "tokensniped.credentials";
    private static final Pattern KEY_IN_QUERY = Pattern.compile("(?i)(^|&)(api[_-]?key|key|x-api-key|token)=|sk_(live|test)_");

    /** From the raw values (each null when absent); the session cookie's value counts only when not blank. */
    public static Credentials parse(String apiKeyHeader, String authorization, String sessionCookie) {
        String bearer = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()).trim()
                : null;
        boolean bearerKey = authorization != null && authorization.startsWith(BEARER_KEY);
        String apiKey = apiKeyHeader != null ? apiKeyHeader : bearerKey ? bearer : null;
        String session = bearer != null && !bearerKey
                ? bearer
                : sessionCookie != null && !sessionCookie.isBlank() ? sessionCookie : null;
        return new Credentials(apiKey, session);
    }

    /** The request's credentials, parsed on first use and kept with the request for everything after. */
    public static Credentials of(RoutingContext ctx, String sessionCookieName) {
        Credentials parsed = ctx.get(PARSED);
        if (parsed == null) {
            HttpServerRequest request = ctx.request();
            Cookie cookie = request.getCookie(sessionCookieName);
            parsed = parse(request.getHeader(API_KEY_HEADER), request.getHeader(AUTHORIZATION),
                    cookie == null ? null : cookie.getValue());
            ctx.put(PARSED, parsed);
        }
        return parsed;
    }

    /** A credential in the URL: refused before anything else, because URLs are logged by every proxy on the way. */
    public static boolean keyInQuery(String query) {
        return query != null && KEY_IN_QUERY.matcher(query).find();
    }

    public boolean presentsApiKey() {
        return apiKey != null;
    }
}
