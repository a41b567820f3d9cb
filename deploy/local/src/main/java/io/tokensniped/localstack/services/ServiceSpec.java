package io.tokensniped.localstack.services;

import java.nio.file.Path;
import java.util.Map;

/** One service to launch: its Quarkus fast-jar, its HTTP port and the environment that configures it. */
public record ServiceSpec(String name, Path jar, int port, Map<String, String> environment) {
}
