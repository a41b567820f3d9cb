package io.tokensniped.localstack.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service running as a child JVM, its output in a log file. Closing it sends SIGTERM (Quarkus shuts down
 * gracefully), waits, then kills whatever is left of it and of every process it started (Chromium included).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final ServiceSpec spec;
    private final Process process;
    private final Path log;

    private ServiceProcess(ServiceSpec spec, Process process, Path log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(ServiceSpec spec, Path logDir, String heap) throws IOException {
        return start(spec, logDir, heap, 0);
    }

    /** Starts the service; a positive {@code niceness} runs it (and what it starts) at that lower priority. */
    public static ServiceProcess start(ServiceSpec spec, Path logDir, String heap, int niceness) throws IOException {
        if (!Files.isRegularFile(spec.jar())) {
            throw new IOException(spec.name() + ": " + spec.jar() + " is missing; build first (./mvnw package -DskipTests)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>();
        if (niceness > 0 && Files.isExecutable(NICE)) {
            // nice execs the JVM: the process, its pid and its signals stay the service's own.
            command.addAll(List.of(NICE.toString(), "-n", String.valueOf(niceness)));
        }
        command.addAll(List.of(javaExecutable(), heap, "-jar", spec.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(spec.environment());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(spec.port()));
        return new ServiceProcess(spec, builder.start(), log);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return spec.name();
    }

    public ServiceSpec spec() {
        return spec;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String url() {
        return "http://127.0.0.1:" + spec.port();
    }

    public Path log() {
        return log;
    }

    /** Waits until /q/health/ready answers 200; fails early, with the log's tail, if the process dies. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(spec.name() + " exited with " + process.exitValue() + "; log tail:\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
        throw new IOException(spec.name() + " not ready after " + timeout + " (" + last + "); log tail:\n" + tail());
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * SIGKILL for the process and everything it started, at once: what a node failure or an OOM kill of the whole
     * container does. Nothing of the service gets to clean up.
     */
    public void kill() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        for (ProcessHandle child : descendants) {
            try {
                child.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still alive after the grace: the caller's check reports it
            }
        }
    }

    /** The processes this service started (Chromium's, for the solver), as they are now. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** SIGTERM, then the grace period, then SIGKILL for the process and any descendant still alive. */
    @Override
    public void close() {
        stop();
    }

    /**
     * As {@link #close()}; true when the service exited by itself within the grace period (a graceful stop), false
     * when it had to be killed.
     */
    public boolean stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        boolean graceful = false;
        try {
            graceful = process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            if (!graceful) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        return graceful;
    }
}
