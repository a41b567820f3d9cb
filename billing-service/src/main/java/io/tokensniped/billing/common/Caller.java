package io.tokensniped.billing.common;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who the gateway says is calling: the account of the verified session, its session id and expiry, and the client's
 * address. Trusted only because {@link GatewayOnlyFilter} checked the internal secret.
 */
public record Caller(Optional<UUID> accountId, Optional<String> sessionId, Optional<Instant> sessionExpiresAt,
        String clientAddress) {

    public static final String ACCOUNT_HEADER = "X-Account-Id";
    public static final String SESSION_HEADER = "X-Session-Id";
    public static final String SESSION_EXPIRES_HEADER = "X-Session-Expires-At";
    public static final String CLIENT_ADDRESS_HEADER = "X-Client-Address";

    public static Caller of(HttpServerRequest request) {
        return new Caller(Optional.ofNullable(request.getHeader(ACCOUNT_HEADER)).map(UUID::fromString),
                Optional.ofNullable(request.getHeader(SESSION_HEADER)),
                Optional.ofNullable(request.getHeader(SESSION_EXPIRES_HEADER)).map(Instant::parse),
                Optional.ofNullable(request.getHeader(CLIENT_ADDRESS_HEADER)).orElse("unknown"));
    }

    public UUID requireAccount() {
        return accountId.orElseThrow(() -> new ApiException(401, "UNAUTHORIZED", "sign in first"));
    }
}
