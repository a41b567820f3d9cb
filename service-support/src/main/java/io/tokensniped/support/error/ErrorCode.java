package io.tokensniped.support.error;

/**
 * Every code an ErrorResponse can carry, with the HTTP status it is answered with: the contract's error table
 * ({@code ../shared/api/README.md}) plus the codes we added where it is silent ({@code docs/api-extensions.md}).
 * {@code ErrorCodeTest} checks both documents against this list. The solver's own codes, which a failed solve carries
 * in a SolveErrorResponse, are {@code io.tokensniped.events.solve.SolveErrorCode}.
 */
public enum ErrorCode {

    VALIDATION_ERROR(400),
    UNAUTHORIZED(401),
    INSUFFICIENT_CREDITS(402),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    ALREADY_CLAIMED(409),
    /** Added: a body over the gateway's limit. */
    PAYLOAD_TOO_LARGE(413),
    RATE_LIMITED(429),
    /** Added: what nothing else explains; the body never says more. */
    INTERNAL_ERROR(500),
    /** Added: the payment provider failed to answer; not a solver code, so it has its own. */
    PAYMENT_PROVIDER_ERROR(502),
    SOLVER_UNAVAILABLE(503),
    /** Added: a payment provider without its secrets; it will not fix itself, so no Retry-After. */
    PAYMENT_PROVIDER_NOT_CONFIGURED(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The HTTP status the contract answers this code with. */
    public int status() {
        return status;
    }
}
