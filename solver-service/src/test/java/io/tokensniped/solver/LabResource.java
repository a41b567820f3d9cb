package io.tokensniped.solver;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokensniped.lab.ChallengeLab;

/**
 * The project's challenge lab for the solver's tests, started before the solver so that its exact origin (and no
 * other port of loopback) is what the operator allows, as the run command does; plus one allowed origin where nothing
 * listens.
 */
public class LabResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ChallengeLab lab;
    private static volatile String closedOrigin;

    static ChallengeLab lab() {
        return lab;
    }

    /** An allowed origin where nothing listens: what an unreachable (but permitted) target looks like. */
    static String closedOrigin() {
        return closedOrigin;
    }

    @Override
    public Map<String, String> start() {
        try {
            lab = ChallengeLab.start("127.0.0.1", 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the challenge lab did not start", e);
        }
        closedOrigin = "http://127.0.0.1:" + io.tokensniped.localstack.infra.FreePorts.pick();
        return Map.of("tokensniped.solver.operator-allowed-origins", lab.baseUrl() + "," + closedOrigin);
    }

    @Override
    public void stop() {
        if (lab != null) {
            lab.close();
        }
    }
}
