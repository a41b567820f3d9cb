package io.tokensniped.gateway.health.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform's health as {@code GET /api/health} reports it, refreshed in the background (every
 * {@code tokensniped.services.health-refresh-interval}) instead of per request: answering never waits for five
 * services, and a burst of health checks costs the services nothing. Each service's readiness is asked in parallel
 * with a short timeout; billing's readiness also says which payment providers are configured. Nothing here blocks a
 * thread: the gateway's own readiness is asked asynchronously, so no worker sits waiting on Redis or Kafka every second.
 */
@ApplicationScoped
public class PlatformHealthMonitor {

    public record PlatformHealth(String status, Map<String, String> services, Map<String, String> payments, String version) {
    }

    /** The name and data of billing's readiness check that lists its payment providers. */
    static final String PAYMENT_PROVIDERS_CHECK = "payment-providers";
    static final String UP = "up";
    static final String DOWN = "down";

    private record Probe(boolean ready, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final SmallRyeHealthReporter reporter;
    private final ObjectMapper json;
    private final GatewayConfig.Services services;
    private final String version;
    private volatile Snapshot latest;

    /** One refresh's result; {@code gatewayUp} decides the HTTP status (503 when the gateway cannot admit solves). */
    public record Snapshot(PlatformHealth health, boolean gatewayUp, Instant at) {
    }

    public PlatformHealthMonitor(SmallRyeHealthReporter reporter, ObjectMapper json, GatewayConfig config,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.reporter = reporter;
        this.json = json;
        this.services = config.services();
        this.version = version;
    }

    /** The latest aggregate if it is at most two refresh intervals old; empty before the first refresh. */
    public Optional<Snapshot> fresh() {
        Snapshot snapshot = latest;
        Instant oldest = Instant.now().minus(services.healthRefreshInterval().multipliedBy(2));
        return snapshot == null || snapshot.at().isBefore(oldest) ? Optional.empty() : Optional.of(snapshot);
    }

    @Scheduled(every = "${tokensniped.services.health-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshInBackground() {
        return refresh().replaceWithVoid();
    }

    /** Asks every service now (each at most the health timeout) and keeps the result. */
    public Uni<Snapshot> refresh() {
        Map<String, CompletableFuture<Probe>> probes = new LinkedHashMap<>();
        probes.put("keys", ready(services.keys().url()));
        probes.put("solver", ready(services.solver().url()));
        probes.put("billing", ready(services.billing().url()));
        probes.put("history", ready(services.history().url()));
        // An extension of the contract's list (docs/api-extensions.md): outbound webhooks' own service.
        probes.put("webhooks", ready(services.webhooks().url()));
        CompletableFuture<Void> answered = CompletableFuture.allOf(probes.values().toArray(CompletableFuture[]::new));
        return reporter.getReadinessAsync().map(readiness -> !readiness.isDown())
                .ifNoItem().after(services.healthTimeout()).recoverWithItem(false)
                .onFailure().recoverWithItem(false)
                .flatMap(gatewayUp -> Uni.createFrom().completionStage(answered).map(all -> {
                    Map<String, String> states = new LinkedHashMap<>();
                    states.put("gateway", gatewayUp ? UP : DOWN);
                    probes.forEach((name, probe) -> states.put(name, probe.join().ready() ? UP : DOWN));
                    String status = !gatewayUp ? DOWN : states.containsValue(DOWN) ? "degraded" : "ok";
                    PlatformHealth health = new PlatformHealth(status, states, payments(probes.get("billing").join()),
                            version);
                    latest = new Snapshot(health, gatewayUp, Instant.now());
                    return latest;
                }));
    }

    /** Each provider billing reports: "up" when configured, "not_configured" as billing says; "down" without billing. */
    private static Map<String, String> payments(Probe billing) {
        Map<String, String> payments = new LinkedHashMap<>();
        if (billing.body() != null) {
            for (JsonNode check : billing.body().path("checks")) {
                if (PAYMENT_PROVIDERS_CHECK.equals(check.path("name").asText())) {
                    check.path("data").fields().forEachRemaining(provider -> payments.put(provider.getKey(),
                            "configured".equals(provider.getValue().asText())
                                    ? (billing.ready() ? UP : DOWN)
                                    : provider.getValue().asText()));
                }
            }
        }
        return payments;
    }

    private CompletableFuture<Probe> ready(String serviceUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/q/health/ready"))
                .timeout(services.healthTimeout()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Probe(r.statusCode() == 200, parse(r.body())))
                .exceptionally(e -> new Probe(false, null));
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
