package io.tokensniped.keys.target.rest;

import java.time.Instant;
import java.util.UUID;

import io.tokensniped.keys.target.VerifiedHost;
import io.tokensniped.keys.target.service.TargetHostService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of /api/targets (an extension of the contract, documented in docs/api-extensions.md). */
public final class TargetHostPayloads {

    private TargetHostPayloads() {
    }

    public record AddTargetHostRequest(@NotBlank @Size(max = 260) @Pattern(regexp = TargetHostService.HOST_PATTERN,
            message = "must be a host name, optionally with :port") String host) {
    }

    public record TargetHostView(UUID id, String host, boolean verified, String verificationToken, String verificationUrl,
            Instant createdAt, Instant verifiedAt) {

        public static TargetHostView of(VerifiedHost h) {
            return new TargetHostView(h.id, h.host, h.verifiedAt != null, h.token,
                    "http(s)://" + h.host + TargetHostService.WELL_KNOWN_PATH, h.createdAt, h.verifiedAt);
        }
    }
}
