package io.tokensniped.webhooks.common;

import java.util.UUID;

import io.vertx.core.http.HttpServerRequest;

/** The account the gateway vouches for (trusted because {@link GatewayOnlyFilter} checked the internal secret). */
public final class Caller {

    public static final String ACCOUNT_HEADER = "X-Account-Id";

    private Caller() {
    }

    public static UUID account(HttpServerRequest request) {
        String account = request.getHeader(ACCOUNT_HEADER);
        if (account == null) {
            throw new ApiException(401, "UNAUTHORIZED", "sign in first");
        }
        return UUID.fromString(account);
    }

    /** A path id; anything that is not a UUID names nothing of the account's. */
    public static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what);
        }
    }
}
