package io.tokensniped.support.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's error body: {@code {error:{code, message, details?}, requestId}}. */
public record ErrorResponse(Error error, String requestId) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, List<Detail> details) {
    }

    /** One field at fault. */
    public record Detail(String field, String message) {
    }

    public static ErrorResponse of(ErrorCode code, String message, String requestId) {
        return new ErrorResponse(new Error(code.name(), message, null), requestId);
    }

    public static ErrorResponse of(ErrorCode code, String message, List<Detail> details, String requestId) {
        return new ErrorResponse(new Error(code.name(), message, details), requestId);
    }
}
