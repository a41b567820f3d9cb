package io.tokensniped.localstack.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the shared infrastructure listens. The same names configure the services, as environment variables
 * (a Kubernetes Deployment sets exactly these) or as MicroProfile Config properties (in tests).
 */
public record Endpoints(String postgresHost, int postgresPort, String postgresUser, String postgresPassword,
        String redisHost, int redisPort, String kafkaBootstrapServers) {

    public Map<String, String> asEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_HOST", postgresHost);
        env.put("POSTGRES_PORT", String.valueOf(postgresPort));
        env.put("POSTGRES_USER", postgresUser);
        env.put("POSTGRES_PASSWORD", postgresPassword);
        env.put("REDIS_HOST", redisHost);
        env.put("REDIS_PORT", String.valueOf(redisPort));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        return env;
    }

    public Map<String, String> asConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("postgres.host", postgresHost);
        config.put("postgres.port", String.valueOf(postgresPort));
        config.put("postgres.user", postgresUser);
        config.put("postgres.password", postgresPassword);
        config.put("redis.host", redisHost);
        config.put("redis.port", String.valueOf(redisPort));
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        return config;
    }

    /** Reads endpoints back from an environment written by {@link #asEnvironment()}; null when it holds none. */
    public static Endpoints fromEnvironment(Map<String, String> env) {
        if (env.get("KAFKA_BOOTSTRAP_SERVERS") == null || env.get("POSTGRES_HOST") == null) {
            return null;
        }
        return new Endpoints(env.get("POSTGRES_HOST"), Integer.parseInt(env.getOrDefault("POSTGRES_PORT", "5432")),
                env.getOrDefault("POSTGRES_USER", "postgres"), env.getOrDefault("POSTGRES_PASSWORD", "postgres"),
                env.getOrDefault("REDIS_HOST", "127.0.0.1"), Integer.parseInt(env.getOrDefault("REDIS_PORT", "6379")),
                env.get("KAFKA_BOOTSTRAP_SERVERS"));
    }
}
