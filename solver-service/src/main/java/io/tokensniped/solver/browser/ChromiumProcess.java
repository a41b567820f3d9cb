package io.tokensniped.solver.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The instance's one Chromium, started by us (not by a Playwright driver) so we own its whole process tree: it is
 * killed with all its children on recycle and shutdown, and its profile directory removed. Workers attach to it
 * over the DevTools protocol. The flags are the ordinary ones for a headless browser run as root in a container;
 * none alters what a page can observe of the browser.
 */
final class ChromiumProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChromiumProcess.class);
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--no-default-browser-check", "--disable-crash-reporter", "--disable-breakpad",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0");

    private final Process process;
    private final Path profile;
    private final String webSocketUrl;

    private ChromiumProcess(Process process, Path profile, String webSocketUrl) {
        this.process = process;
        this.profile = profile;
        this.webSocketUrl = webSocketUrl;
    }

    static ChromiumProcess launch(String executable, Duration timeout) throws IOException {
        Path profile = Files.createTempDirectory("tokensniped-chromium-");
        List<String> command = Stream.concat(Stream.concat(Stream.of(executable), FLAGS.stream()),
                Stream.of("--user-data-dir=" + profile, "about:blank")).toList();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, endpoint), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ChromiumProcess(process, profile, url);
        } catch (Exception e) {
            kill(process);
            deleteProfile(profile);
            throw new IOException("Chromium at " + executable + " did not start: " + e, e);
        }
    }

    /** Reads stderr to the end (a full pipe would stall Chromium), picking out the DevTools endpoint. */
    private static void drain(Process process, CompletableFuture<String> endpoint) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                Matcher m = DEVTOOLS.matcher(line);
                if (m.find()) {
                    endpoint.complete(m.group(1));
                } else {
                    LOG.debug(line);
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
        endpoint.completeExceptionally(new IOException("Chromium exited with " + process.exitValue()));
    }

    String webSocketUrl() {
        return webSocketUrl;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        kill(process);
        deleteProfile(profile);
    }

    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("profile %s not fully removed: %s", profile, e);
        }
    }
}
