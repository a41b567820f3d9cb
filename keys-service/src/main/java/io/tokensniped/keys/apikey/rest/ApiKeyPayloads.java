package io.tokensniped.keys.apikey.rest;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.tokensniped.keys.apikey.ApiKey;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The contract's API-key bodies. */
public final class ApiKeyPayloads {

    public static final String SAVE_IT = "Save this key - you won't be able to see it again!";

    private ApiKeyPayloads() {
    }

    public record CreateApiKeyRequest(@NotBlank @Size(max = 64) String name,
            @Min(1) @Max(10_000) Integer rateLimitRpm,
            @Min(1) @Max(1_000_000) Integer rateLimitRpd,
            @Pattern(regexp = "live|test", message = "must be live or test") String mode) {
    }

    public record UpdateApiKeyRequest(
            @Size(min = 1, max = 64) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @JsonProperty("isActive") Boolean isActive,
            @Min(1) @Max(10_000) Integer rateLimitRpm,
            @Min(1) @Max(1_000_000) Integer rateLimitRpd) {
    }

    public record ApiKeyView(UUID id, String name, String keyPrefix, @JsonProperty("isActive") boolean isActive, String mode,
            int rateLimitRpm, int rateLimitRpd, Instant createdAt, Instant lastUsedAt) {

        public static ApiKeyView of(ApiKey k, Instant lastUsedAt) {
            return new ApiKeyView(k.id, k.name, k.keyPrefix, k.active, k.mode.wireName(), k.rateLimitRpm, k.rateLimitRpd,
                    k.createdAt, lastUsedAt);
        }
    }

    public record ApiKeyCreatedResponse(UUID id, String name, String keyPrefix, @JsonProperty("isActive") boolean isActive,
            String mode, int rateLimitRpm, int rateLimitRpd, Instant createdAt, Instant lastUsedAt, String key,
            String message) {

        public static ApiKeyCreatedResponse of(ApiKey k, String fullKey) {
            return new ApiKeyCreatedResponse(k.id, k.name, k.keyPrefix, k.active, k.mode.wireName(), k.rateLimitRpm,
                    k.rateLimitRpd, k.createdAt, null, fullKey, SAVE_IT);
        }
    }
}
