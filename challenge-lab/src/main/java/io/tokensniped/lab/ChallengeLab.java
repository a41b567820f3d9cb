package io.tokensniped.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A small web server imitating challenge widgets' client contracts, each with a server-side verifier. Behaviour is
 * chosen by the site key, as with the vendors' own test keys: see {@link LabMode}.
 */
public final class ChallengeLab implements AutoCloseable {

    /** The site key of the demo page: always passes after a short proof of work. */
    public static final String DEMO_SITE_KEY = LabMode.PASS.siteKey();
    /** The secret a site owner would use to call siteverify. */
    public static final String SECRET = "lab-secret-0000000000000000000000";

    private final HttpServer server;
    private final ExecutorService executor;
    private final TurnstileLab turnstile;
    private final NetworkFixtures network;

    private ChallengeLab(HttpServer server, ExecutorService executor, TurnstileLab turnstile, NetworkFixtures network) {
        this.server = server;
        this.executor = executor;
        this.turnstile = turnstile;
        this.network = network;
    }

    public static ChallengeLab start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "challenge-lab");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        LabTokens tokens = new LabTokens(SECRET);
        WorkChallenges challenges = new WorkChallenges();
        TurnstileLab turnstile = new TurnstileLab(tokens, challenges);
        turnstile.register(server);
        new TurnstileShapesLab().register(server);
        new GeetestLab(tokens, challenges).register(server);
        new InterstitialLab(tokens, challenges).register(server);
        new InterstitialShapesLab(tokens, challenges).register(server);
        NetworkFixtures network = new NetworkFixtures();
        network.register(server);
        registerSiteOwnerFiles(server);
        server.start();
        return new ChallengeLab(server, executor, turnstile, network);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many tokens (any fixture) the lab has issued: a failed solve shows it got none. */
    public long tokensIssued() {
        return turnstile.tokensIssued();
    }

    /** How often /lab/probe was reached: an SSRF test shows a refused address was never contacted. */
    public long probeHits() {
        return network.probeHits();
    }

    /**
     * The lab plays a site owner proving control of its host: whatever token is uploaded (POST, as text) to
     * /lab/site/verification-token is served at /.well-known/tokensniped-verification.txt.
     */
    private static void registerSiteOwnerFiles(HttpServer server) {
        java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>();
        server.createContext("/lab/site/verification-token", LabHttp.handler(ex -> {
            token.set(new String(ex.getRequestBody().readNBytes(256), java.nio.charset.StandardCharsets.UTF_8).trim());
            LabHttp.send(ex, 200, "text/plain", "stored");
        }));
        server.createContext("/.well-known/tokensniped-verification.txt", LabHttp.handler(ex -> {
            String current = token.get();
            LabHttp.send(ex, current == null ? 404 : 200, "text/plain", current == null ? "not found" : current + "\n");
        }));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        ChallengeLab lab = start("127.0.0.1", port);
        System.out.println("challenge lab on " + lab.baseUrl() + ": /turnstile/demo, /geetest/demo, /interstitial/pass/");
        Thread.currentThread().join();
    }
}
