package io.tokensniped.localstack.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.localstack.infra.InfrastructureOptions;
import io.tokensniped.localstack.infra.LocalInfrastructure;

/**
 * Gives a @QuarkusTest real PostgreSQL, Redis and Kafka. Under deploy/local/test.sh the whole suite shares one set,
 * announced through the environment (POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS...); a module tested on its own starts an
 * embedded set for its run instead.
 */
public class LocalInfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalInfrastructure started;

    @Override
    public Map<String, String> start() {
        Endpoints shared = Endpoints.fromEnvironment(System.getenv());
        if (shared != null) {
            return shared.asConfig();
        }
        try {
            Path dir = Files.createDirectories(Path.of("target")).resolve("infra-" + ProcessHandle.current().pid());
            started = LocalInfrastructure.start(InfrastructureOptions.fromEnvironment(Map.of()), dir);
            return started.endpoints().asConfig();
        } catch (Exception e) {
            throw new IllegalStateException("could not start test infrastructure", e);
        }
    }

    @Override
    public void stop() {
        if (started != null) {
            started.close();
        }
    }
}
