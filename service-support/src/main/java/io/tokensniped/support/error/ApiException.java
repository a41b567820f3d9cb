package io.tokensniped.support.error;

import java.util.List;
import java.util.UUID;

/**
 * A failure the contract names: its code (which fixes the HTTP status), a message for the client, the fields at fault
 * and Retry-After where they apply. {@link ApiExceptionMapper} renders it; services throw it, resources let it pass.
 * No stack trace: it is an answer, not a bug, and some are thrown on the gateway's hot path.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<ErrorResponse.Detail> details;
    private final Integer retryAfterSeconds;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ApiException(ErrorCode code, String message, Integer retryAfterSeconds) {
        this(code, message, null, retryAfterSeconds);
    }

    private ApiException(ErrorCode code, String message, List<ErrorResponse.Detail> details, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException invalid(String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message);
    }

    /** 400 naming the one field that is wrong, as bean validation would (so a form can show it beside the field). */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, "request is invalid",
                List.of(new ErrorResponse.Detail(field, message)), null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, message, (int) retryAfterSeconds);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(ErrorCode.SOLVER_UNAVAILABLE, message, retryAfterSeconds);
    }

    /** A path id: anything that is not a UUID names nothing of the account's. */
    public static UUID pathId(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound(what);
        }
    }

    public ErrorCode errorCode() {
        return code;
    }

    public int status() {
        return code.status();
    }

    /** The contract's code, as the body carries it. */
    public String code() {
        return code.name();
    }

    /** The fields at fault, or null. */
    public List<ErrorResponse.Detail> details() {
        return details;
    }

    /** Seconds for Retry-After, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
