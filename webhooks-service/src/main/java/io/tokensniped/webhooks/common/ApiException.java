package io.tokensniped.webhooks.common;

/** A failure with the contract's HTTP status and error code. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message);
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, "VALIDATION_ERROR", message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " not found");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
