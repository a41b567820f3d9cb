package io.tokensniped.localstack.services;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tokensniped.localstack.DemoAccount;
import io.tokensniped.localstack.StackOptions;
import io.tokensniped.localstack.sandbox.PaymentSandbox;

/**
 * The catalogue of services the launcher starts before the gateway, in start order: each takes the next internal port
 * (keys 8081, solver 8082...; the services' own defaults), gets the common environment plus its entry's, and the
 * gateway learns its URL as {@code TOKENSNIPED_SERVICES_<NAME>_URL}. Adding a service is one entry here.
 */
public enum InternalService {

    KEYS(run -> Map.of("TOKENSNIPED_DEMO_EMAIL", run.demo().email(), "TOKENSNIPED_DEMO_PASSWORD", run.demo().password(),
            "TOKENSNIPED_DEMO_API_KEY", run.demo().apiKey(), // The local stack serves plain http on loopback.
            "TOKENSNIPED_SESSIONS_SECURE_COOKIE", "false",
            "TOKENSNIPED_TARGETS_OPERATOR_ALLOWED_ORIGINS", run.allowedOrigins())),
    /** The launcher starts it at the CPU priority TS_SOLVER_NICENESS gives (see StackOptions). */
    SOLVER(run -> Map.of("TOKENSNIPED_SOLVER_CHROMIUM_PATH", run.options().chromiumPath(),
            "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
            "TOKENSNIPED_SOLVER_OPERATOR_ALLOWED_ORIGINS", run.allowedOrigins())),
    /** Takes payments only through this run's sandbox, with this run's secrets. */
    BILLING(run -> run.payments().billingEnvironment()),
    HISTORY(run -> Map.of()),
    /**
     * Webhook receivers must be public https; the operator may name exact loopback origins for this sandbox
     * (TS_WEBHOOK_RECEIVERS), none by default.
     */
    WEBHOOKS(
            run -> Map.of("TOKENSNIPED_WEBHOOKS_OPERATOR_ALLOWED_ORIGINS", String.join(",", run.options().webhookReceivers())));

    /** What an entry may take its settings from: this run's demo account, options, allowed origins and payment sandbox. */
    public record Run(DemoAccount demo, StackOptions options, String allowedOrigins, PaymentSandbox payments) {
    }

    private final Function<Run, Map<String, String>> environment;

    InternalService(Function<Run, Map<String, String>> environment) {
        this.environment = environment;
    }

    /** "keys", as in TS_SERVICES and the module's directory ({@code keys-service}). */
    public String shortName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "keys-service": the process's name, as in its log file and {@code TokenSnipedStack.service(name)}. */
    public String serviceName() {
        return shortName() + "-service";
    }

    /** The environment this service needs besides the common one. */
    public Map<String, String> environment(Run run) {
        return environment.apply(run);
    }

    public static List<InternalService> inStartOrder() {
        return List.of(values());
    }

    public static Set<String> shortNames() {
        return Arrays.stream(values()).map(InternalService::shortName).collect(Collectors.toUnmodifiableSet());
    }
}
