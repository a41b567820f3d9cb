package io.tokensniped.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import io.tokensniped.lab.ChallengeLab;
import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.localstack.infra.FreePorts;
import io.tokensniped.localstack.infra.LocalInfrastructure;
import io.tokensniped.localstack.sandbox.PaymentSandbox;
import io.tokensniped.localstack.services.InternalService;
import io.tokensniped.localstack.services.ServiceProcess;
import io.tokensniped.localstack.services.ServiceSpec;

/**
 * The whole system on one machine: infrastructure (or given endpoints), the challenge lab, and the six services in
 * dependency order. Closing it stops everything in reverse order and leaves no process behind.
 */
public final class TokenSnipedStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TokenSnipedStack.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, ServiceProcess> services = new java.util.concurrent.ConcurrentHashMap<>();
    private StackOptions options;
    private final DemoAccount demo = DemoAccount.generate();
    private String gatewayUrl;
    private final List<String> gatewayUrls = new ArrayList<>();
    private String labUrl;
    private ChallengeLab lab;
    private PaymentSandbox payments;

    /** Starts infrastructure per the options, then the rest. */
    public static TokenSnipedStack start(StackOptions options) throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.start(options.infrastructure(), options.workDir());
        TokenSnipedStack stack = new TokenSnipedStack();
        stack.running.push(infra);
        return stack.launchOn(infra.endpoints(), options);
    }

    /** Starts the lab and the services on infrastructure someone else runs (the test suite's shared one). */
    public static TokenSnipedStack startOn(Endpoints endpoints, StackOptions options) throws Exception {
        return new TokenSnipedStack().launchOn(endpoints, options);
    }

    private TokenSnipedStack launchOn(Endpoints endpoints, StackOptions options) throws Exception {
        this.options = options;
        try {
            lab = ChallengeLab.start("127.0.0.1", portOrFree(options.labPort()));
            running.push(lab);
            labUrl = lab.baseUrl();

            // Gateway ports first: the payment sandbox reports payments to the public URL, which billing also needs.
            List<Integer> gatewayPorts = new ArrayList<>();
            for (int i = 0; i < options.gatewayInstances(); i++) {
                // Further instances take the next ports: two gateways behind one load balancer, as in a cluster.
                gatewayPorts.add(portOrFree(options.gatewayPort() == 0 ? 0 : options.gatewayPort() + (i == 0 ? 0 : 10 + i)));
            }
            String publicUrl = "http://127.0.0.1:" + gatewayPorts.get(0);
            payments = PaymentSandbox.start(publicUrl);
            running.push(payments);

            Map<String, String> common = new HashMap<>(endpoints.asEnvironment());
            common.put("TOKENSNIPED_INTERNAL_SECRET", DemoAccount.internalSecret());
            common.put("TOKENSNIPED_PUBLIC_URL", publicUrl);
            common.put("QUARKUS_HTTP_HOST", "127.0.0.1");

            // The catalogue's services start in parallel, each on the next internal port, before the gateway.
            InternalService.Run run = new InternalService.Run(demo, options, allowedOrigins(options), payments);
            Map<String, String> urls = new HashMap<>();
            List<ServiceProcess> internal = new ArrayList<>();
            int nextPort = options.firstInternalPort();
            for (InternalService service : InternalService.inStartOrder()) {
                if (!options.internalServices().contains(service.shortName())) {
                    continue;
                }
                int port = portOrFree(options.firstInternalPort() == 0 ? 0 : nextPort++);
                urls.put(service.shortName(), "http://127.0.0.1:" + port);
                Map<String, String> env = new HashMap<>(common);
                env.putAll(service.environment(run));
                internal.add(
                        launch(new ServiceSpec(service.serviceName(), jar(options, service.shortName()), port, env), options));
            }
            for (ServiceProcess service : internal) {
                service.awaitReady(READY_TIMEOUT);
            }
            Map<String, String> gatewayEnv = new HashMap<>(common);
            urls.forEach((name, url) -> gatewayEnv.put("TOKENSNIPED_SERVICES_" + name.toUpperCase() + "_URL", url));
            // A solve's callbackUrl is checked at admission by the webhooks' receiver rule and its operator setting.
            gatewayEnv.put("TOKENSNIPED_WEBHOOKS_OPERATOR_ALLOWED_ORIGINS", String.join(",", options.webhookReceivers()));
            List<ServiceProcess> gateways = new ArrayList<>();
            for (int i = 0; i < gatewayPorts.size(); i++) {
                String name = i == 0 ? "gateway-service" : "gateway-service-" + (i + 1);
                gateways.add(launch(new ServiceSpec(name, jar(options, "gateway"), gatewayPorts.get(i), gatewayEnv), options));
            }
            for (ServiceProcess gateway : gateways) {
                gateway.awaitReady(READY_TIMEOUT);
                gatewayUrls.add(gateway.url());
            }
            gatewayUrl = gatewayUrls.get(0);
            for (String url : gatewayUrls) {
                awaitDemoKeyAccepted(url);
            }
            if (options.internalServices().contains("billing")) {
                claimDemoCredits();
            }
            return this;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * The origins the solver's browser may open although they are not public (and keys-service may fetch for a
     * verification): exactly the challenge lab's, plus what the operator adds with TS_ALLOWED_TARGETS. Nothing else on
     * loopback (PostgreSQL, Redis, Kafka, the services) is reachable from a solve.
     */
    private String allowedOrigins(StackOptions options) {
        List<String> origins = new ArrayList<>(List.of(labUrl));
        origins.addAll(options.allowedTargets());
        return String.join(",", origins);
    }

    private static Path jar(StackOptions options, String service) {
        return options.repositoryRoot().resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    private static int portOrFree(int port) {
        return port == 0 ? FreePorts.pick() : port;
    }

    private ServiceProcess launch(ServiceSpec spec, StackOptions options) throws Exception {
        if (!FreePorts.isFree(spec.port())) {
            throw new IOException(
                    "port " + spec.port() + " for " + spec.name() + " is taken; stop what uses it or set TS_*_PORT");
        }
        boolean solver = spec.name().startsWith(InternalService.SOLVER.shortName());
        ServiceProcess process = ServiceProcess.start(spec, options.logDir(), options.serviceHeap(),
                solver ? options.solverNiceness() : 0);
        running.push(process);
        services.put(spec.name(), process);
        LOG.info("started " + spec.name() + " on " + process.url());
        return process;
    }

    /** A running service by name: keys-service, solver-service, billing-service, history-service, webhooks-service, gateway-service. */
    public ServiceProcess service(String name) {
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no service " + name + " in this stack: " + services.keySet());
        }
        return process;
    }

    /**
     * Starts a service that was stopped or killed again, on its port with its settings (what a restarted pod does);
     * returns once it is ready.
     */
    public ServiceProcess relaunch(String name) throws Exception {
        ServiceProcess previous = service(name);
        if (previous.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        ServiceProcess process = launch(previous.spec(), options);
        process.awaitReady(READY_TIMEOUT);
        return process;
    }

    /** Key directories fill from Kafka asynchronously; the stack is up when the gateway knows the demo key. */
    private void awaitDemoKeyAccepted(String gateway) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(gateway + "/api/solve/" + UUID.randomUUID()))
                .header("x-api-key", demo.apiKey()).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                // Anything but 401 means the gateway knows the key (404: no such solve; 503 when history is not started).
                if (status != 401) {
                    return;
                }
            } catch (java.net.http.HttpTimeoutException slowFirstAnswer) {
                // A service's first answers (cold JIT, first queries) may take longer than the probe waits: ask again.
            }
            Thread.sleep(100);
        }
        throw new IOException("the gateway never accepted the demo key (last status " + status + ")");
    }

    /** The demo account starts with its daily free credits, claimed through the public API like any customer's. */
    private void claimDemoCredits() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String credentials = "{\"email\":\"" + demo.email() + "\",\"password\":\"" + demo.password() + "\"}";
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/auth/sign-in/email"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(signIn.body());
        if (signIn.statusCode() != 200 || !token.find()) {
            throw new IOException("the demo account could not sign in (" + signIn.statusCode() + ")");
        }
        int claimed = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/billing/daily-claim"))
                .header("Authorization", "Bearer " + token.group(1)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (claimed != 200 && claimed != 409) {
            throw new IOException("the demo account's daily credits could not be claimed (" + claimed + ")");
        }
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** Every gateway instance, the first being {@link #gatewayUrl()}. */
    public List<String> gatewayUrls() {
        return List.copyOf(gatewayUrls);
    }

    public String labUrl() {
        return labUrl;
    }

    public DemoAccount demo() {
        return demo;
    }

    /** The payment providers' local stand-ins billing uses in this run. */
    public PaymentSandbox payments() {
        return payments;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                LOG.warning("stopping: " + e);
            }
        }
    }
}
