package io.tokensniped.webhooks.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's error body: {@code {error:{code, message, details?}, requestId}}. */
public record ErrorResponse(Error error, String requestId) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, List<Detail> details) {
    }

    public record Detail(String field, String message) {
    }

    public static ErrorResponse of(String code, String message, String requestId) {
        return new ErrorResponse(new Error(code, message, null), requestId);
    }
}
