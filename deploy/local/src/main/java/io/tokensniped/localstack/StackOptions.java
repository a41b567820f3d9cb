package io.tokensniped.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tokensniped.localstack.infra.InfrastructureOptions;
import io.tokensniped.localstack.services.InternalService;

/**
 * How to run the whole system locally. A port of 0 picks a free one (tests); the run command uses fixed ports so
 * the README's URLs hold.
 */
public record StackOptions(Path repositoryRoot, Path workDir, InfrastructureOptions infrastructure, int gatewayPort,
        int firstInternalPort, int labPort, String chromiumPath, String serviceHeap, int gatewayInstances,
        Set<String> internalServices, List<String> allowedTargets, int solverNiceness, List<String> webhookReceivers) {

    /** Every internal service; benchmarks of one part may start fewer (TS_SERVICES=keys,...). */
    public static final Set<String> ALL_INTERNAL_SERVICES = InternalService.shortNames();

    public static final int DEFAULT_GATEWAY_PORT = 8080;
    public static final int DEFAULT_FIRST_INTERNAL_PORT = 8081;
    public static final int DEFAULT_LAB_PORT = 8090;
    /**
     * On one machine the solvers' browsers share the cores with the gateway, brokers and databases; in a cluster they
     * run in pods of their own. An operator may run them at a lower priority (nice), but not by default: at 10, a flood
     * of free test-mode solves (which no browser serves) took the CPU from the browsers of other accounts' paid solves,
     * which then took 3 to 7 times their normal time (AccountIsolationSystemTest).
     */
    public static final int DEFAULT_SOLVER_NICENESS = 0;

    public static StackOptions fromEnvironment(Path repositoryRoot, Map<String, String> env) {
        return new StackOptions(repositoryRoot,
                Path.of(env.getOrDefault("TS_WORK_DIR", repositoryRoot.resolve("deploy/local/target/run").toString())),
                InfrastructureOptions.fromEnvironment(env),
                Integer.parseInt(env.getOrDefault("TS_GATEWAY_PORT", String.valueOf(DEFAULT_GATEWAY_PORT))),
                Integer.parseInt(env.getOrDefault("TS_FIRST_INTERNAL_PORT", String.valueOf(DEFAULT_FIRST_INTERNAL_PORT))),
                Integer.parseInt(env.getOrDefault("TS_LAB_PORT", String.valueOf(DEFAULT_LAB_PORT))),
                env.getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"),
                env.getOrDefault("TS_SERVICE_HEAP", "-Xmx256m"),
                Integer.parseInt(env.getOrDefault("TS_GATEWAY_INSTANCES", "1")),
                Optional.ofNullable(env.get("TS_SERVICES")).map(StackOptions::services).orElse(ALL_INTERNAL_SERVICES),
                // Origins (scheme://host:port) the solver may open besides the lab's, e.g. a test site on this machine.
                Optional.ofNullable(env.get("TS_ALLOWED_TARGETS")).map(StackOptions::origins).orElse(List.of()),
                Integer.parseInt(env.getOrDefault("TS_SOLVER_NICENESS", String.valueOf(DEFAULT_SOLVER_NICENESS))),
                // Origins (scheme://host:port) webhooks may be delivered to although not public https: a receiver on
                // this machine for trying webhooks out. None unless the operator names them.
                Optional.ofNullable(env.get("TS_WEBHOOK_RECEIVERS")).map(StackOptions::origins).orElse(List.of()));
    }

    private static Set<String> services(String list) {
        Set<String> chosen = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (!ALL_INTERNAL_SERVICES.containsAll(chosen) || !chosen.contains("keys")) {
            throw new IllegalArgumentException("TS_SERVICES must list keys and any of " + ALL_INTERNAL_SERVICES + ": " + list);
        }
        return chosen;
    }

    private static List<String> origins(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Path logDir() {
        return workDir.resolve("logs");
    }
}
