package io.tokensniped.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.tokensniped.localstack.StackOptions;
import io.tokensniped.localstack.TokenSnipedStack;
import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.localstack.infra.InfrastructureControl;
import io.tokensniped.localstack.infra.InfrastructureOptions;
import io.tokensniped.localstack.infra.LocalInfrastructure;
import io.tokensniped.localstack.testing.WebhookReceiver;

/**
 * The whole system for the fault suite, on the run's shared PostgreSQL and Kafka broker, with Redis reached through a
 * proxy the suite can cut. Run alone, the module starts its own embedded infrastructure first.
 */
final class FaultStack implements AutoCloseable {

    final Endpoints endpoints;
    final BrokerSwitch broker;
    final TcpProxy redis;
    final BillingDatabase billing;
    final TokenSnipedStack system;
    /** A customer's webhook receiver, allowed to the run as an exact loopback origin (TS_WEBHOOK_RECEIVERS). */
    final WebhookReceiver webhookReceiver;
    private final LocalInfrastructure ownInfrastructure;

    private FaultStack(Endpoints endpoints, BrokerSwitch broker, LocalInfrastructure own) throws Exception {
        this.endpoints = endpoints;
        this.broker = broker;
        this.ownInfrastructure = own;
        this.billing = new BillingDatabase(endpoints);
        // A run stopped mid-fault could have left billing's database closed.
        billing.allowConnections();
        this.redis = new TcpProxy(endpoints.redisHost(), endpoints.redisPort());
        Endpoints throughProxy = new Endpoints(endpoints.postgresHost(), endpoints.postgresPort(), endpoints.postgresUser(),
                endpoints.postgresPassword(), "127.0.0.1", redis.port(), endpoints.kafkaBootstrapServers());
        Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(Path.of("target", "fault-run").toAbsolutePath());
        this.webhookReceiver = WebhookReceiver.start(root.resolve("webhooks-service/src/test/node"), 0);
        StackOptions options = StackOptions.fromEnvironment(root, Map.of("TS_WORK_DIR", work.toString(),
                "TS_GATEWAY_PORT", "0", "TS_FIRST_INTERNAL_PORT", "0", "TS_LAB_PORT", "0",
                "CHROMIUM_PATH", System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"),
                "TS_WEBHOOK_RECEIVERS", webhookReceiver.url()));
        try {
            this.system = TokenSnipedStack.startOn(throughProxy, options);
        } catch (Exception e) {
            webhookReceiver.close();
            throw e;
        }
    }

    static FaultStack start() throws Exception {
        Endpoints shared = Endpoints.fromEnvironment(System.getenv());
        String control = System.getenv(InfrastructureControl.ENVIRONMENT_VARIABLE);
        if (shared != null && control != null) {
            return new FaultStack(shared, BrokerSwitch.remote(control), null);
        }
        Path dir = Files.createDirectories(Path.of("target", "fault-infra").toAbsolutePath());
        LocalInfrastructure own = LocalInfrastructure.start(InfrastructureOptions.fromEnvironment(Map.of()), dir);
        try {
            return new FaultStack(own.endpoints(), BrokerSwitch.of(own.embeddedBroker().orElseThrow()), own);
        } catch (Exception e) {
            own.close();
            throw e;
        }
    }

    String gateway() {
        return system.gatewayUrl();
    }

    @Override
    public void close() throws Exception {
        system.close();
        webhookReceiver.close();
        redis.close();
        billing.allowConnections();
        if (ownInfrastructure != null) {
            ownInfrastructure.close();
        }
    }
}
