package io.tokensniped.support.gateway;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.tokensniped.support.error.ApiException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who the gateway says is calling: the account of the verified key or session, the session's id and expiry, and the
 * client's address. Trusted only because {@link GatewayOnlyFilter} checked the internal secret.
 */
public record Caller(Optional<UUID> accountId, Optional<String> sessionId, Optional<Instant> sessionExpiresAt,
        String clientAddress) {

    public static Caller of(HttpServerRequest request) {
        return new Caller(Optional.ofNullable(request.getHeader(InternalHeaders.ACCOUNT)).map(UUID::fromString),
                Optional.ofNullable(request.getHeader(InternalHeaders.SESSION)),
                Optional.ofNullable(request.getHeader(InternalHeaders.SESSION_EXPIRES)).map(Instant::parse),
                Optional.ofNullable(request.getHeader(InternalHeaders.CLIENT_ADDRESS)).orElse("unknown"));
    }

    /** The caller's account; 401 when the gateway vouched for nobody. */
    public static UUID account(HttpServerRequest request) {
        return of(request).requireAccount();
    }

    public UUID requireAccount() {
        return accountId.orElseThrow(() -> ApiException.unauthorized("sign in first"));
    }
}
