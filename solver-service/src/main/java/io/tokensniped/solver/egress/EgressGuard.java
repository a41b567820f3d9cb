package io.tokensniped.solver.egress;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.tokensniped.solver.config.SolverConfig;
import io.tokensniped.solver.policy.TargetPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The SSRF guard. Every solve's browser context uses a guard listener as its HTTP proxy, so every connection the
 * page makes (the navigation, each redirect hop, subresources, fetches, WebSockets) arrives here first. The guard
 * resolves the host itself, refuses loopback, private, link-local, metadata and unresolvable addresses unless the
 * operator allows the host, and connects to the exact address it checked, so DNS cannot answer differently between
 * the check and the connection. Chromium never resolves target names itself while a proxy is set.
 */
@ApplicationScoped
public class EgressGuard {

    private final TargetPolicy policy;
    private final SolverConfig.Egress config;
    private final Counter blocked;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "egress-connection");
        t.setDaemon(true);
        return t;
    });

    public EgressGuard(TargetPolicy policy, SolverConfig config, MeterRegistry metrics) {
        this.policy = policy;
        this.config = config.egress();
        // Registered up front: the counter reads 0 before the first refusal instead of being absent.
        this.blocked = metrics.counter("solver.egress.blocked");
    }

    /** A listener for one solve's browser context; close it with the context. */
    public GuardedSolve open() throws IOException {
        return new GuardedSolve(config.blockedPerSolve(), this::serve);
    }

    private void serve(Socket client, GuardedSolve solve) {
        connections.execute(new ProxiedConnection(client, solve, policy, config, this::refused));
    }

    private void refused(GuardedSolve solve, EgressRefusal request) {
        solve.record(request);
        if (request.blocked()) {
            blocked.increment();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        connections.shutdownNow();
    }
}
