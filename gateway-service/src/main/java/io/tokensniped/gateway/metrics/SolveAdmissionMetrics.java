package io.tokensniped.gateway.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tokensniped.events.solve.SolveRequested;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Prometheus metrics of the solve routes: admissions (by type and mode), rejections (by type and reason, the
 * contract's error code) and the admission latency histogram, from the request's arrival (before authentication and
 * rate limiting) to the moment it is admitted or refused. A sync solve's wait for its outcome is not admission.
 */
@ApplicationScoped
public class SolveAdmissionMetrics {

    static final String ADMISSIONS = "tokensniped.solve.admissions";
    static final String REJECTIONS = "tokensniped.solve.rejections";
    static final String PROVISIONAL = "tokensniped.solve.provisional.admissions";
    static final String LATENCY = "tokensniped.solve.admission";
    private static final String ARRIVED = "tokensniped.solve.arrived";
    private static final String DECIDED = "tokensniped.solve.decided";
    private static final String PREFIX = "/api/solve/";
    /** Before RequestIds (1000): the clock starts before any other work on the request. */
    private static final int FILTER_PRIORITY = 1100;
    /** Statuses a solve submission is refused with, and the contract's code for each. */
    private static final Map<Integer, String> REASONS = Map.of(400, "VALIDATION_ERROR", 401, "UNAUTHORIZED",
            402, "INSUFFICIENT_CREDITS", 403, "FORBIDDEN", 404, "NOT_FOUND", 409, "CONFLICT", 413, "PAYLOAD_TOO_LARGE",
            415, "VALIDATION_ERROR", 429, "RATE_LIMITED", 503, "SOLVER_UNAVAILABLE");

    private final MeterRegistry registry;
    /** Meters by their tag values: built once, not looked up in the registry on every solve request. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public SolveAdmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(this::observe, FILTER_PRIORITY);
    }

    void observe(RoutingContext ctx) {
        String type = solveType(ctx);
        if (type != null) {
            ctx.put(ARRIVED, System.nanoTime());
            ctx.addHeadersEndHandler(v -> {
                if (ctx.get(DECIDED) == null) {
                    refused(ctx, type, ctx.response().getStatusCode());
                }
            });
        }
        ctx.next();
    }

    /** Called once the solve is queued; later answers of this request (its outcome) are not admission. */
    public void admitted(RoutingContext ctx, SolveRequested request) {
        Long arrived = ctx.get(ARRIVED);
        ctx.put(DECIDED, Boolean.TRUE);
        String type = request.type().wireName();
        String mode = request.testMode() ? "test" : "live";
        counters.computeIfAbsent(ADMISSIONS + type + mode, k -> Counter.builder(ADMISSIONS).description("Solves admitted")
                .tag("type", type).tag("mode", mode).register(registry)).increment();
        if (request.provisionalHold()) {
            counters.computeIfAbsent(PROVISIONAL + type, k -> Counter.builder(PROVISIONAL)
                    .description("Live solves admitted on a credit reservation while billing could not answer")
                    .tag("type", type).register(registry)).increment();
        }
        if (arrived != null) {
            latency(type, "admitted").record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
        }
    }

    private void refused(RoutingContext ctx, String type, int status) {
        String reason = REASONS.get(status);
        if (reason == null) {
            return;
        }
        counters.computeIfAbsent(REJECTIONS + type + reason, k -> Counter.builder(REJECTIONS)
                .description("Solve submissions refused, by the contract's error code")
                .tag("type", type).tag("reason", reason).register(registry)).increment();
        Long arrived = ctx.get(ARRIVED);
        latency(type, "rejected").record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
    }

    private Timer latency(String type, String outcome) {
        return timers.computeIfAbsent(type + outcome, k -> Timer.builder(LATENCY)
                .description("Time from a solve request's arrival to its admission or refusal")
                .tag("type", type).tag("outcome", outcome).publishPercentileHistogram().register(registry));
    }

    private static String solveType(RoutingContext ctx) {
        String path = ctx.request().path();
        if (ctx.request().method() != HttpMethod.POST || path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        String type = path.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        return switch (type) {
            case "turnstile", "geetest", "interstitial" -> type;
            default -> null;
        };
    }
}
