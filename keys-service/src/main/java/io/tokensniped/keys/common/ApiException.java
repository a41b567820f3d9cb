package io.tokensniped.keys.common;

/** A failure with the contract's HTTP status and error code. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final java.util.List<ErrorResponse.Detail> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(int status, String code, String message, java.util.List<ErrorResponse.Detail> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    /** 400 naming the one field that is wrong, as bean validation would (so a form can show it beside the field). */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "VALIDATION_ERROR", "request is invalid", java.util.List.of(new ErrorResponse.Detail(field, message)));
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message);
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

    /** The fields at fault, or null. */
    public java.util.List<ErrorResponse.Detail> details() {
        return details;
    }
}
