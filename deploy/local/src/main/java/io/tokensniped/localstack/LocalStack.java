package io.tokensniped.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import io.tokensniped.localstack.infra.InfrastructureControl;
import io.tokensniped.localstack.infra.LocalInfrastructure;

/**
 * The launcher behind deploy/local/run.sh and test.sh.
 * <ul>
 * <li>no arguments: infrastructure, challenge lab and the six services; prints where to go; Ctrl-C stops all;</li>
 * <li>{@code --infra-only FILE}: only the infrastructure, its endpoints written to FILE as shell exports (the test
 * suite's one shared broker, database and cache); stops on SIGTERM/SIGINT.</li>
 * </ul>
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path root = Path.of(System.getProperty("tokensniped.root", ".")).toAbsolutePath().normalize();
        StackOptions options = StackOptions.fromEnvironment(root, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);

        if (args.length == 2 && "--infra-only".equals(args[0])) {
            LocalInfrastructure infra = LocalInfrastructure.start(options.infrastructure(), options.workDir());
            InfrastructureControl control = InfrastructureControl.start(infra);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                control.close();
                infra.close();
                stopped.countDown();
            }, "infra-shutdown"));
            writeExports(Path.of(args[1]), infra, control);
            System.out.println("infrastructure ready: " + infra.endpoints());
            stopped.await();
            return;
        }

        TokenSnipedStack stack = TokenSnipedStack.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping TokenSniped...");
            stack.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "stack-shutdown"));
        System.out.println(banner(stack, options));
        stopped.await();
    }

    private static void writeExports(Path file, LocalInfrastructure infra, InfrastructureControl control) throws IOException {
        java.util.Map<String, String> environment = new java.util.LinkedHashMap<>(infra.endpoints().asEnvironment());
        environment.put(InfrastructureControl.ENVIRONMENT_VARIABLE, control.url());
        String exports = environment.entrySet().stream()
                .map(e -> "export " + e.getKey() + "='" + e.getValue() + "'")
                .collect(Collectors.joining("\n", "", "\n"));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, exports);
        // Written whole, then renamed: the test script waits for the file and must never read half of it.
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String banner(TokenSnipedStack stack, StackOptions options) {
        String gw = stack.gatewayUrl();
        String key = stack.demo().apiKey();
        return """

                ==================================================================
                 TokenSniped is running
                   public URL (gateway):  %s
                   gateway instances:     %s
                   health:                %s/api/health
                   demo account:          %s / %s
                   demo API key:          %s
                   challenge lab (demo target): %s
                   payments sandbox:      %s (card and crypto stand-ins; nothing real is charged)
                   webhooks:              %s/api/webhooks (webhooks-service; loopback receivers allowed: %s)
                   logs:                  %s

                 Solve the lab's Turnstile-like widget:
                   curl -s -X POST %s/api/solve/turnstile \\
                     -H 'x-api-key: %s' -H 'Content-Type: application/json' \\
                     -d '{"siteKey":"%s","pageUrl":"%s/turnstile/demo"}'

                 Ctrl-C stops everything.
                ==================================================================
                """.formatted(gw, String.join(" ", stack.gatewayUrls()), gw, stack.demo().email(), stack.demo().password(), key,
                stack.labUrl(), stack.payments().baseUrl(),
                gw,
                options.webhookReceivers().isEmpty()
                        ? "none, set TS_WEBHOOK_RECEIVERS"
                        : String.join(" ", options.webhookReceivers()),
                options.logDir(),
                gw, key, io.tokensniped.lab.ChallengeLab.DEMO_SITE_KEY, stack.labUrl());
    }
}
