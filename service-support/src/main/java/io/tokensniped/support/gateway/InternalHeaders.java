package io.tokensniped.support.gateway;

/**
 * The headers the gateway adds when it forwards a request to the service that owns the route. A service trusts them
 * only because {@link GatewayOnlyFilter} found the internal secret beside them; the gateway drops any a client sent.
 */
public final class InternalHeaders {

    /** The shared internal secret: proof the request comes from the gateway. */
    public static final String SECRET = "X-Internal-Secret";
    /** The authenticated account. */
    public static final String ACCOUNT = "X-Account-Id";
    /** The session's id, when the caller signed in with a session (not an API key). */
    public static final String SESSION = "X-Session-Id";
    /** The session's expiry (ISO-8601), beside {@link #SESSION}. */
    public static final String SESSION_EXPIRES = "X-Session-Expires-At";
    /** The client's address as the gateway determined it (behind trusted proxies, the client's, not the proxy's). */
    public static final String CLIENT_ADDRESS = "X-Client-Address";
    /** The id of the request, drawn by the gateway; also on every response the gateway gives. */
    public static final String REQUEST_ID = "X-Request-Id";

    private InternalHeaders() {
    }
}
