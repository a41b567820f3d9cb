package io.tokensniped.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run command's launcher as a user starts it ({@code java -jar deploy/local/target/local-stack.jar}), read
 * through what it prints, on the given PostgreSQL, Redis and broker (TS_POSTGRES/TS_REDIS/TS_KAFKA).
 */
final class RunningSystem implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    final Process launcher;
    final String gatewayUrl;
    final List<String> gatewayUrls;
    final String apiKey;
    final String labUrl;
    final List<String> output;

    private RunningSystem(Process launcher, List<String> output) {
        this.launcher = launcher;
        this.output = output;
        this.gatewayUrl = find("public URL \\(gateway\\):\\s+(\\S+)");
        this.gatewayUrls = List.of(find("gateway instances:\\s+(.+)$").trim().split(" "));
        this.apiKey = find("demo API key:\\s+(\\S+)");
        this.labUrl = find("challenge lab \\(demo target\\):\\s+(\\S+)");
    }

    static RunningSystem start(Path workDir, io.tokensniped.localstack.infra.Endpoints infra, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dtokensniped.root=" + root, "-jar",
                root.resolve("deploy/local/target/local-stack.jar").toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("TS_WORK_DIR", workDir.toString());
        env.put("TS_GATEWAY_PORT", "0");
        env.put("TS_FIRST_INTERNAL_PORT", "0");
        env.put("TS_LAB_PORT", "0");
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        env.put("TS_KAFKA", infra.kafkaBootstrapServers());
        env.put("TS_POSTGRES", infra.postgresHost() + ":" + infra.postgresPort());
        env.put("TS_REDIS", infra.redisHost() + ":" + infra.redisPort());
        env.putAll(extraEnv);
        Process launcher = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // launcher gone
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();

        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (output.stream().noneMatch(l -> l.contains("Ctrl-C stops everything"))) {
            if (!launcher.isAlive() || Instant.now().isAfter(deadline)) {
                launcher.destroyForcibly();
                throw new IllegalStateException("the launcher did not start the system:\n" + String.join("\n", output));
            }
            launcher.waitFor(200, TimeUnit.MILLISECONDS);
        }
        return new RunningSystem(launcher, output);
    }

    private String find(String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : output) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("launcher output lacks " + regex + ":\n" + String.join("\n", output));
    }

    /**
     * The environment the launcher gave a running service ({@code gateway-service}, {@code billing-service}, ...),
     * read from /proc: where the run's generated secrets can be found, as an operator on this machine could.
     */
    Map<String, String> environmentOf(String service) throws IOException {
        ProcessHandle process = launcher.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(service + "/target/quarkus-app")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running " + service));
        Map<String, String> environment = new java.util.HashMap<>();
        for (String variable : java.nio.file.Files.readString(Path.of("/proc/" + process.pid() + "/environ"),
                StandardCharsets.UTF_8).split("\0")) {
            int eq = variable.indexOf('=');
            if (eq > 0) {
                environment.put(variable.substring(0, eq), variable.substring(eq + 1));
            }
        }
        return environment;
    }

    /** What Ctrl-C does: the launcher's shutdown hook runs on SIGINT and SIGTERM alike. */
    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
    }
}
