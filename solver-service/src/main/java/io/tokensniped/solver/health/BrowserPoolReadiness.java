package io.tokensniped.solver.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.tokensniped.solver.browser.BrowserPool;
import io.tokensniped.solver.job.SolverDrain;
import io.tokensniped.solver.policy.VerifiedHosts;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only when the pool is warm (Chromium running, every worker connected), the verified hosts are read, and not draining. */
@Readiness
@ApplicationScoped
public class BrowserPoolReadiness implements HealthCheck {

    private final BrowserPool pool;
    private final VerifiedHosts verifiedHosts;

    private final SolverDrain drain;

    public BrowserPoolReadiness(BrowserPool pool, VerifiedHosts verifiedHosts, SolverDrain drain) {
        this.pool = pool;
        this.verifiedHosts = verifiedHosts;
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("browser-pool").status(pool.warm() && verifiedHosts.ready() && !drain.draining())
                .withData("busy", pool.busy()).withData("verifiedHosts", verifiedHosts.ready()).build();
    }
}
