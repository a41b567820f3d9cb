package io.tokensniped.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.localstack.infra.InfrastructureOptions;
import io.tokensniped.localstack.infra.LocalInfrastructure;
import io.tokensniped.localstack.testing.WebhookReceiver;

/**
 * One running system (two gateway instances) for all system test classes of this JVM. Under test.sh it runs on the
 * suite's shared infrastructure; run alone, the module starts its own embedded set first.
 */
final class SharedSystem {

    private static RunningSystem system;
    private static Endpoints endpoints;
    private static LocalInfrastructure ownInfrastructure;
    private static WebhookReceiver webhookReceiver;

    private SharedSystem() {
    }

    static synchronized RunningSystem get() throws Exception {
        if (system == null) {
            endpoints = Endpoints.fromEnvironment(System.getenv());
            if (endpoints == null) {
                Path dir = Files.createDirectories(Path.of("target", "system-infra").toAbsolutePath());
                ownInfrastructure = LocalInfrastructure.start(InfrastructureOptions.fromEnvironment(Map.of()), dir);
                endpoints = ownInfrastructure.endpoints();
                Runtime.getRuntime().addShutdownHook(new Thread(ownInfrastructure::close));
            }
            Map<String, String> environment = new java.util.HashMap<>();
            environment.put("TS_GATEWAY_INSTANCES", "2");
            // Every system test calls from 127.0.0.1, the hostile-input one with thousands of wrong keys: the per-address
            // limit on key guessing (KeyGuessingTest) would end the run's other tests with 429.
            environment.put("TOKENSNIPED_KEY_GUESSING_MAX_FAILURES", "1000000");
            // The customers' webhook receiver of these tests (WebhooksSystemTest), on loopback, listening before the
            // services pick their ports: allowed as an exact origin, as an operator would for a sandbox; every other
            // loopback receiver stays refused.
            Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
            webhookReceiver = WebhookReceiver.start(root.resolve("webhooks-service/src/test/node"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(webhookReceiver::close));
            environment.put("TS_WEBHOOK_RECEIVERS", webhookReceiver.url());
            system = RunningSystem.start(Path.of("target", "system-run").toAbsolutePath(), endpoints, environment);
            // Normally RunCommandSystemTest stops it (and checks nothing is left); this covers a run of one class.
            RunningSystem started = system;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return system;
    }

    /** The Node receiver (npm standardwebhooks) on the origin the run allows (TS_WEBHOOK_RECEIVERS). */
    static synchronized WebhookReceiver webhookReceiver() throws Exception {
        get();
        return webhookReceiver;
    }

    static synchronized Endpoints endpoints() throws Exception {
        get();
        return endpoints;
    }
}
