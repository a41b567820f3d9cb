package io.tokensniped.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.tokensniped.events.Topics;

/**
 * Every overlay, as kubectl's kustomize renders it: each object valid against its schema (Kubernetes, KEDA,
 * Strimzi), and the rules that tie the manifests to the services' own configuration.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("tokensniped.root", "../..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path VALIDATOR = K8S.resolve("validate");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    static final Map<String, Path> renderedFiles = new LinkedHashMap<>();
    static final Map<String, List<JsonNode>> rendered = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        Path out = Files.createDirectories(K8S.resolve("target/rendered"));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String overlay : OVERLAYS) {
            Path file = out.resolve(overlay + ".yaml");
            run(K8S, file, "kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString());
            renderedFiles.put(overlay, file);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                rendered.put(overlay, StreamSupport.stream(
                        java.util.Spliterators
                                .spliteratorUnknownSize(yaml.readValues(yaml.createParser(reader), JsonNode.class), 0),
                        false)
                        .filter(n -> n != null && !n.isNull()).toList());
            }
        }
    }

    /** Runs a tool, its output to {@code output} (or the log), and fails the test with that output unless it exits 0. */
    static String run(Path dir, Path output, String... command) throws IOException, InterruptedException {
        Path log = output != null ? output : Files.createTempFile("tool", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(output == null)
                .redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String printed = Files.readString(log);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + printed
                + (output != null ? new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : ""));
        return printed;
    }

    static List<JsonNode> objects(String overlay, String kind) {
        return rendered.get(overlay).stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static JsonNode object(String overlay, String kind, String name) {
        return objects(overlay, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no " + kind + " " + name));
    }

    static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    static JsonNode container(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable.path("value").asText();
            }
        }
        throw new AssertionError(container.path("name").asText() + " does not set " + name);
    }

    @Test
    void everyOverlayRendersAndEveryObjectMatchesItsSchema() throws Exception {
        if (!Files.isDirectory(VALIDATOR.resolve("node_modules"))) {
            run(VALIDATOR, null, "npm", "ci", "--no-audit", "--no-fund");
        }
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        renderedFiles.values().forEach(f -> command.add(f.toString()));
        String printed = run(VALIDATOR, null, command.toArray(String[]::new));
        int total = rendered.values().stream().mapToInt(List::size).sum();
        assertTrue(printed.contains(total + " objects valid, 0 invalid"), printed);
        for (String overlay : OVERLAYS) {
            for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy",
                    "HorizontalPodAutoscaler",
                    "ScaledObject", "Kafka", "KafkaNodePool", "KafkaTopic", "ConfigMap")) {
                assertFalse(objects(overlay, kind).isEmpty(), overlay + " renders no " + kind);
            }
            assertEquals(6, objects(overlay, "Deployment").size(), overlay + ": one Deployment per service");
        }
    }

    @Test
    void webhooksServiceRunsBehindTheGatewayOnItsOwnPort() throws Exception {
        String port = properties("webhooks-service").getProperty("quarkus.http.port");
        for (String overlay : OVERLAYS) {
            JsonNode webhooks = container(object(overlay, "Deployment", "webhooks-service"));
            assertEquals(port, env(webhooks, "QUARKUS_HTTP_PORT"), overlay);
            assertEquals("http://webhooks-service:" + port,
                    env(container(object(overlay, "Deployment", "gateway-service")), "TOKENSNIPED_SERVICES_WEBHOOKS_URL"),
                    overlay);
            assertTrue(
                    object(overlay, "NetworkPolicy", "internal-services-from-gateway").toString().contains("webhooks-service"),
                    overlay + ": only the gateway reaches webhooks-service");
        }
    }

    @Test
    void solverPodsOutliveTheirDrainAndTheLongestSolve() throws Exception {
        Duration drain = Duration.parse("PT" + properties("solver-service").getProperty("tokensniped.solver.drain-timeout")
                .toUpperCase(Locale.ROOT));
        long longestSolveSeconds = Long.parseLong(properties("gateway-service").getProperty("tokensniped.solve.max-timeout"));
        assertTrue(drain.toSeconds() > longestSolveSeconds, "the drain waits for the longest solve");
        for (String overlay : OVERLAYS) {
            JsonNode pod = object(overlay, "Deployment", "solver-service").path("spec").path("template").path("spec");
            long grace = pod.path("terminationGracePeriodSeconds").asLong();
            long preStop = container(object(overlay, "Deployment", "solver-service")).path("lifecycle").path("preStop")
                    .path("sleep").path("seconds").asLong();
            assertTrue(grace > longestSolveSeconds,
                    overlay + ": grace " + grace + " s <= longest solve " + longestSolveSeconds + " s");
            assertTrue(grace >= preStop + drain.toSeconds(),
                    overlay + ": grace " + grace + " s < preStop " + preStop + " s + drain " + drain.toSeconds() + " s");
        }
    }

    @Test
    void solverReplicasNeverExceedTheRequestTopicsPartitions() throws Exception {
        Properties solver = properties("solver-service");
        for (String overlay : OVERLAYS) {
            JsonNode topic = objects(overlay, "KafkaTopic").stream()
                    .filter(t -> Topics.SOLVE_REQUESTS.equals(t.path("spec").path("topicName").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + " declares no " + Topics.SOLVE_REQUESTS));
            int partitions = topic.path("spec").path("partitions").asInt();
            assertEquals(Topics.SOLVE_REQUESTS_PARTITIONS, partitions, overlay + ": partitions as the event contracts say");

            JsonNode scaler = object(overlay, "ScaledObject", "solver-service");
            int maxReplicas = scaler.path("spec").path("maxReplicaCount").asInt();
            assertTrue(maxReplicas > 0 && maxReplicas <= partitions,
                    overlay + ": max " + maxReplicas + " solver replicas for " + partitions + " partitions");
            JsonNode trigger = scaler.path("spec").path("triggers").get(0);
            assertEquals("kafka", trigger.path("type").asText());
            assertEquals(Topics.SOLVE_REQUESTS, trigger.path("metadata").path("topic").asText());
            assertEquals(solver.getProperty("mp.messaging.incoming.solve-requests.group.id"),
                    trigger.path("metadata").path("consumerGroup").asText(), overlay + ": the solver's own consumer group");
            // A lag of one pod's contexts is one pod's worth of waiting work.
            assertEquals(env(container(object(overlay, "Deployment", "solver-service")), "TOKENSNIPED_SOLVER_CONTEXTS"),
                    trigger.path("metadata").path("lagThreshold").asText(), overlay + ": lag threshold = contexts per pod");
        }
    }

    @Test
    void everyServiceIsProbedAndSizedAndOnlyTheGatewayIsOpenToTheOutside() {
        for (String overlay : OVERLAYS) {
            for (JsonNode deployment : objects(overlay, "Deployment")) {
                String name = deployment.path("metadata").path("name").asText();
                JsonNode container = container(deployment);
                assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText(), name);
                assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), name);
                assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), name);
                assertFalse(container.path("resources").path("requests").path("memory").isMissingNode(), name);
                assertFalse(container.path("resources").path("limits").path("memory").isMissingNode(), name);
                assertFalse(objects(overlay, "PodDisruptionBudget").stream()
                        .noneMatch(p -> name.equals(p.path("metadata").path("name").asText())),
                        name + " has a disruption budget");
            }
            assertTrue(objects(overlay, "NetworkPolicy").stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                    && p.path("spec").path("ingress").isMissingNode()), overlay + ": ingress is denied by default");
            List<String> openToAll = objects(overlay, "NetworkPolicy").stream()
                    .filter(p -> StreamSupport.stream(p.path("spec").path("ingress").spliterator(), false)
                            .anyMatch(rule -> rule.path("from").isMissingNode()))
                    .map(p -> p.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())
                    .toList();
            assertEquals(List.of("gateway-service"), openToAll, overlay + ": only the gateway accepts traffic from anywhere");
            JsonNode solverEgress = object(overlay, "NetworkPolicy", "solver-egress-public-only");
            String excepted = solverEgress.path("spec").path("egress").toString();
            for (String internal : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8",
                    "fc00::/7")) {
                assertTrue(excepted.contains(internal), overlay + ": solver pods may not reach " + internal);
            }
        }
    }

    @Test
    void theGatewaysTrustOnlyTheIngressAndSizeAccountSharesFromTheSolversContexts() {
        for (String overlay : OVERLAYS) {
            JsonNode config = object(overlay, "ConfigMap",
                    objects(overlay, "ConfigMap").get(0).path("metadata").path("name").asText())
                    .path("data");
            assertFalse(config.path("TOKENSNIPED_TRUSTED_PROXIES").asText().isBlank(),
                    overlay + ": the gateways behind the ingress know which peers may name a client");
            assertEquals(env(container(object(overlay, "Deployment", "solver-service")), "TOKENSNIPED_SOLVER_CONTEXTS"),
                    config.path("TOKENSNIPED_CAPACITY_CONTEXTS_PER_SOLVER").asText(),
                    overlay + ": contexts per solver, as the solvers run");
            assertEquals("gateway-service", object(overlay, "Ingress", "gateway-service").path("spec").path("rules").get(0)
                    .path("http").path("paths").get(0).path("backend").path("service").path("name").asText());
        }
    }
}
