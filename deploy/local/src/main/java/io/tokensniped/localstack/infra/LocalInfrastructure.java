package io.tokensniped.localstack.infra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import io.tokensniped.events.Topics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * PostgreSQL, Redis and Kafka for one local run: started here when embedded, reused when external, and in both
 * cases provisioned idempotently (one database per service, every topic with its partition count).
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalInfrastructure.class.getName());

    /** The databases of the services that own data; created if missing, never dropped. */
    public static final List<String> DATABASES = List.of("tokensniped_keys", "tokensniped_billing", "tokensniped_history",
            "tokensniped_webhooks");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Endpoints endpoints;
    private KafkaBroker broker;

    public static LocalInfrastructure start(InfrastructureOptions options, Path workDir) throws Exception {
        LocalInfrastructure infra = new LocalInfrastructure();
        try {
            infra.startAll(options, workDir);
            return infra;
        } catch (Exception e) {
            infra.close();
            throw e;
        }
    }

    private void startAll(InfrastructureOptions options, Path workDir) throws Exception {
        String pgHost;
        int pgPort;
        if (InfrastructureOptions.embedded(options.postgres())) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(workDir.resolve("postgres"))
                    .setCleanDataDirectory(true)
                    .setPort(FreePorts.pick())
                    .start();
            started.push(pg);
            pgHost = "127.0.0.1";
            pgPort = pg.getPort();
            LOG.info("embedded PostgreSQL on " + pgPort);
        } else {
            pgHost = InfrastructureOptions.host(options.postgres());
            pgPort = InfrastructureOptions.port(options.postgres());
        }

        String redisHost;
        int redisPort;
        if (InfrastructureOptions.embedded(options.redis())) {
            redisPort = FreePorts.pick();
            RedisServer redis = RedisServer.newRedisServer().port(redisPort).setting("bind 127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            started.push(redis::stop);
            redisHost = "127.0.0.1";
            LOG.info("embedded Redis on " + redisPort);
        } else {
            redisHost = InfrastructureOptions.host(options.redis());
            redisPort = InfrastructureOptions.port(options.redis());
        }

        String kafka;
        if (InfrastructureOptions.embedded(options.kafka())) {
            broker = KafkaBroker.start(workDir.resolve("kafka"), FreePorts.pick());
            started.push(broker);
            kafka = broker.bootstrapServers();
            LOG.info("KRaft broker on " + kafka);
        } else {
            kafka = options.kafka();
        }

        endpoints = new Endpoints(pgHost, pgPort, options.postgresUser(), options.postgresPassword(), redisHost, redisPort,
                kafka);
        createDatabases(endpoints);
        createTopics(kafka);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The embedded broker, for the fault-injection suite to stop and start; empty when Kafka is external. */
    public java.util.Optional<KafkaBroker> embeddedBroker() {
        return java.util.Optional.ofNullable(broker);
    }

    static void createDatabases(Endpoints e) throws Exception {
        String url = "jdbc:postgresql://" + e.postgresHost() + ":" + e.postgresPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, e.postgresUser(), e.postgresPassword());
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            for (String db : DATABASES) {
                exists.setString(1, db);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("create database " + db);
                } catch (java.sql.SQLException raced) {
                    // 42P04: another launcher created it between our check and create; that is the goal anyway.
                    if (!"42P04".equals(raced.getSQLState()) && !"23505".equals(raced.getSQLState())) {
                        throw raced;
                    }
                }
            }
        }
    }

    static void createTopics(String bootstrap) throws Exception {
        Collection<NewTopic> topics = List.of(
                new NewTopic(Topics.SOLVE_REQUESTS, Topics.SOLVE_REQUESTS_PARTITIONS, (short) 1),
                new NewTopic(Topics.SOLVE_EVENTS, Topics.SOLVE_EVENTS_PARTITIONS, (short) 1),
                new NewTopic(Topics.SOLVE_TEST_REQUESTS, Topics.SOLVE_TEST_REQUESTS_PARTITIONS, (short) 1),
                new NewTopic(Topics.SOLVE_TEST_EVENTS, Topics.SOLVE_TEST_EVENTS_PARTITIONS, (short) 1),
                new NewTopic(Topics.BILLING_EVENTS, Topics.BILLING_EVENTS_PARTITIONS, (short) 1),
                new NewTopic(Topics.API_KEYS, Topics.API_KEYS_PARTITIONS, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(Topics.VERIFIED_HOSTS, Topics.VERIFIED_HOSTS_PARTITIONS, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<Exception> failures = new ArrayList<>();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        failures.add(ex);
                    }
                } catch (Exception ex) {
                    failures.add(ex);
                }
            });
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.warning("stopping infrastructure: " + e);
            }
        }
    }
}
