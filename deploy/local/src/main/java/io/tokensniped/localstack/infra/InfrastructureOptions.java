package io.tokensniped.localstack.infra;

import java.util.Map;

/**
 * For each shared server, either "embedded" (started here) or "host:port" of one that already runs
 * (the machine's PostgreSQL, a Redis in the cluster, a Strimzi broker...).
 */
public record InfrastructureOptions(String postgres, String redis, String kafka, String postgresUser,
        String postgresPassword) {

    public static final String EMBEDDED = "embedded";

    /** TS_POSTGRES, TS_REDIS, TS_KAFKA (each "embedded" or host:port), TS_POSTGRES_USER, TS_POSTGRES_PASSWORD. */
    public static InfrastructureOptions fromEnvironment(Map<String, String> env) {
        return new InfrastructureOptions(env.getOrDefault("TS_POSTGRES", EMBEDDED), env.getOrDefault("TS_REDIS", EMBEDDED),
                env.getOrDefault("TS_KAFKA", EMBEDDED), env.getOrDefault("TS_POSTGRES_USER", "postgres"),
                env.getOrDefault("TS_POSTGRES_PASSWORD", "postgres"));
    }

    static boolean embedded(String option) {
        return EMBEDDED.equalsIgnoreCase(option);
    }

    static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
