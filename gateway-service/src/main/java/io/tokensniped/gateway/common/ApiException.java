package io.tokensniped.gateway.common;

import java.util.List;

/** A failure with the contract's HTTP status and error code; optional Retry-After seconds and field details. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;
    private final List<ErrorResponse.Detail> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Integer retryAfterSeconds) {
        this(status, code, message, retryAfterSeconds, null);
    }

    private ApiException(int status, String code, String message, Integer retryAfterSeconds,
            List<ErrorResponse.Detail> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.details = details;
    }

    /** 400 VALIDATION_ERROR for one field, shaped as a bean-validation failure is ({@code details: [{field, message}]}). */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "VALIDATION_ERROR", "request is invalid", null,
                List.of(new ErrorResponse.Detail(field, message)));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message);
    }

    public static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, "SOLVER_UNAVAILABLE", message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Null unless the failure concerns named fields. */
    public List<ErrorResponse.Detail> details() {
        return details;
    }
}
