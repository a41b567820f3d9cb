package io.tokensniped.solver.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.tokensniped.solver.browser.BrowserPool;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only when the pool is warm: Chromium running and every worker connected to it. */
@Readiness
@ApplicationScoped
public class BrowserPoolReadiness implements HealthCheck {

    private final BrowserPool pool;

    public BrowserPoolReadiness(BrowserPool pool) {
        this.pool = pool;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("browser-pool").status(pool.warm()).withData("busy", pool.busy()).build();
    }
}
