package io.tokensniped.support.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.tokensniped.support.error.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * Only the gateway may call the routes under the configured prefixes: it authenticates the caller, forwards the
 * account as {@link InternalHeaders#ACCOUNT} and adds the shared internal secret. A request without the secret never
 * reaches a resource (401). Each service says which prefixes it guards, and whether a guarded request must also name
 * an account, in its application.properties ({@link GatewayOnlyConfig}):
 * <pre>
 * tokensniped.gateway-only.paths=/api/,/internal/
 * tokensniped.gateway-only.require-account=false
 * </pre>
 * Without paths (the gateway itself) the filter guards nothing.
 */
public class GatewayOnlyFilter {

    private final byte[] secret;
    private final List<String> paths;
    private final boolean requireAccount;

    public GatewayOnlyFilter(@ConfigProperty(name = "tokensniped.internal.secret") Optional<String> secret,
            GatewayOnlyConfig config) {
        this.paths = config.paths().orElse(List.of());
        if (!this.paths.isEmpty() && secret.isEmpty()) {
            throw new IllegalStateException("tokensniped.internal.secret is required to guard " + this.paths);
        }
        this.secret = secret.orElse("").getBytes(StandardCharsets.UTF_8);
        this.requireAccount = config.requireAccount();
    }

    @ServerRequestFilter
    public Optional<Response> requireGateway(ContainerRequestContext request) {
        if (!guards(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(InternalHeaders.SECRET);
        boolean fromGateway = presented != null
                && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
        if (!fromGateway || (requireAccount && request.getHeaderString(InternalHeaders.ACCOUNT) == null)) {
            throw ApiException.unauthorized("authentication required");
        }
        return Optional.empty();
    }

    boolean guards(String path) {
        for (String prefix : paths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
