package io.tokensniped.gateway.solve.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The contract's InterstitialRequest, plus {@code callbackUrl} (docs/api-extensions.md, Per-solve callbacks). */
public record InterstitialRequest(
        @NotBlank @Size(max = SolveFields.MAX_URL) @Pattern(regexp = SolveFields.HTTP_URL,
                message = SolveFields.HTTP_URL_MESSAGE) String url,
        @Size(max = SolveFields.MAX_URL) @Pattern(regexp = SolveFields.PROXY, message = SolveFields.PROXY_MESSAGE) String proxy,
        @Min(5) @Max(120) Integer timeout,
        @Size(max = SolveFields.MAX_USER_AGENT) @Pattern(regexp = SolveFields.PRINTABLE,
                message = SolveFields.PRINTABLE_MESSAGE) String userAgent,
        @Size(max = SolveFields.MAX_URL) String callbackUrl) {
}
