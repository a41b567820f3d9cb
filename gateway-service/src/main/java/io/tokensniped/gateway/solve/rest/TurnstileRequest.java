package io.tokensniped.gateway.solve.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The contract's TurnstileRequest, plus {@code callbackUrl} (docs/api-extensions.md, Per-solve callbacks). */
public record TurnstileRequest(
        @NotBlank @Size(max = 128) String siteKey,
        @NotBlank @Size(max = SolveFields.MAX_URL) @Pattern(regexp = SolveFields.HTTP_URL,
                message = SolveFields.HTTP_URL_MESSAGE) String pageUrl,
        @Size(max = 32) String action,
        @Size(max = 255) String cdata,
        @Size(max = SolveFields.MAX_URL) @Pattern(regexp = SolveFields.PROXY, message = SolveFields.PROXY_MESSAGE) String proxy,
        @Min(5) @Max(120) Integer timeout,
        @Size(max = SolveFields.MAX_URL) String callbackUrl) {
}
