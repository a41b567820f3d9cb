package io.tokensniped.webhooks.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Only the gateway talks to the /api routes (it authenticates the caller and forwards the account as a header) and to
 * the /internal routes (credit holds), always with the shared internal secret. A request without the secret never
 * reaches a resource; routes that need a caller read it through {@link Caller}.
 */
public class GatewayOnlyFilter {

    public static final String SECRET_HEADER = "X-Internal-Secret";

    private final byte[] secret;

    public GatewayOnlyFilter(@ConfigProperty(name = "tokensniped.internal.secret") String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Optional<jakarta.ws.rs.core.Response> requireGateway(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.startsWith("/internal/")) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(SECRET_HEADER);
        boolean fromGateway = presented != null
                && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
        if (!fromGateway) {
            throw new ApiException(401, "UNAUTHORIZED", "authentication required");
        }
        return Optional.empty();
    }
}
