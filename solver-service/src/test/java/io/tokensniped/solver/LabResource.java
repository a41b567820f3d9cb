package io.tokensniped.solver;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokensniped.lab.ChallengeLab;

/**
 * The project's challenge lab for the solver's tests, started before the solver so that its exact origin (and no
 * other port of loopback) is what the operator allows, as the run command does.
 */
public class LabResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ChallengeLab lab;

    static ChallengeLab lab() {
        return lab;
    }

    @Override
    public Map<String, String> start() {
        try {
            lab = ChallengeLab.start("127.0.0.1", 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the challenge lab did not start", e);
        }
        return Map.of("tokensniped.solver.operator-allowed-origins", lab.baseUrl());
    }

    @Override
    public void stop() {
        if (lab != null) {
            lab.close();
        }
    }
}
