package io.tokensniped.gateway.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/health}: each service's readiness, asked in parallel with a short timeout. "down" when the gateway
 * itself cannot admit solves (503), "degraded" when another service is not ready, "ok" otherwise.
 */
@Tag(name = "Health")
@Path("/api/health")
public class PlatformHealthResource {

    public record PlatformHealth(String status, Map<String, String> services, String version) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final SmallRyeHealthReporter reporter;
    private final GatewayConfig config;
    private final String version;

    public PlatformHealthResource(SmallRyeHealthReporter reporter, GatewayConfig config,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.reporter = reporter;
        this.config = config;
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> health() {
        Map<String, CompletableFuture<Boolean>> probes = new LinkedHashMap<>();
        probes.put("keys", ready(config.services().keys().url()));
        probes.put("solver", ready(config.services().solver().url()));
        probes.put("billing", ready(config.services().billing().url()));
        probes.put("history", ready(config.services().history().url()));
        CompletableFuture<Boolean> gateway = reporter.getReadinessAsync().subscribeAsCompletionStage()
                .thenApply(h -> !h.isDown());
        return Uni.createFrom().completionStage(CompletableFuture.allOf(probes.values().toArray(CompletableFuture[]::new))
                .thenCombine(gateway, (ignored, gatewayUp) -> {
                    Map<String, String> services = new LinkedHashMap<>();
                    services.put("gateway", gatewayUp ? "up" : "down");
                    probes.forEach((name, probe) -> services.put(name, probe.join() ? "up" : "down"));
                    String status = !gatewayUp ? "down" : services.containsValue("down") ? "degraded" : "ok";
                    return Response.status(gatewayUp ? 200 : 503).entity(new PlatformHealth(status, services, version)).build();
                }));
    }

    private CompletableFuture<Boolean> ready(String serviceUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/q/health/ready"))
                .timeout(config.services().healthTimeout()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() == 200)
                .exceptionally(e -> false);
    }
}
