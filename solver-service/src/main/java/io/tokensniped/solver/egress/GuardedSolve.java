package io.tokensniped.solver.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The guard's listener for one browser context, which serves exactly one solve: the context uses it as its proxy, so
 * every connection on it belongs to that solve and what it blocked can explain the solve's outcome. Closed with the
 * context.
 */
public final class GuardedSolve implements AutoCloseable {

    /** Pending connections queued by the OS; a page opens a few dozen at most. */
    private static final int BACKLOG = 64;

    private final ServerSocket listener;
    private final List<EgressRefusal> refusals = new CopyOnWriteArrayList<>();
    private final int maxRemembered;

    GuardedSolve(int maxRemembered, BiConsumer<Socket, GuardedSolve> serve) throws IOException {
        this.maxRemembered = maxRemembered;
        this.listener = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> accept(serve), "egress-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(BiConsumer<Socket, GuardedSolve> serve) {
        while (!listener.isClosed()) {
            try {
                serve.accept(listener.accept(), this);
            } catch (IOException e) {
                // closed with the solve
                return;
            }
        }
    }

    /** The proxy URL for the solve's browser context. */
    public String proxyServer() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    void record(EgressRefusal request) {
        if (refusals.size() < maxRemembered) {
            refusals.add(request);
        }
    }

    /** What the guard refused or could not reach for this solve, oldest first. */
    public List<EgressRefusal> refusals() {
        return List.copyOf(refusals);
    }

    /** The first request the policy blocked, if any: the reason a navigation that found no page gets. */
    public Optional<EgressRefusal> firstBlocked() {
        return refusals.stream().filter(EgressRefusal::blocked).findFirst();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
