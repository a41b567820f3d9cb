package io.tokensniped.history.solve.rest;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.tokensniped.history.solve.SolveRecord;

/**
 * The contract's SolveStatusResponse, plus what the solve was for: {@code pageUrl} and {@code siteKey} (the Turnstile
 * siteKey or Geetest captchaId), docs/api-extensions.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SolveStatusResponse(UUID id, String type, String status, UUID apiKeyId, boolean testMode, String pageUrl,
        String siteKey, Instant createdAt, Instant startedAt, Instant completedAt, Long elapsedMs, long cost,
        @JsonRawValue String solution, SolveError error) {

    public record SolveError(String code, String message) {
    }

    public static SolveStatusResponse from(SolveRecord r) {
        SolveError error = r.errorCode == null ? null : new SolveError(r.errorCode, r.errorMessage);
        return new SolveStatusResponse(r.id, r.type, r.status, r.apiKeyId, r.testMode, r.pageUrl, r.siteKey, r.createdAt,
                r.startedAt, r.completedAt, r.elapsedMs, r.cost, r.solution, error);
    }
}
