package io.tokensniped.gateway.capacity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.events.Topics;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether solvers can take more work, read from Kafka itself about once a second (never on the request path): how
 * many instances are members of the {@code solver} consumer group, and how many solve jobs wait unconsumed (the
 * group's lag on {@code solve.requests}). Admission refuses at once with 503 when no solver is alive or the queue is
 * deeper than configured, instead of queueing work that would only time out.
 */
@ApplicationScoped
public class SolverCapacity {

    private static final Logger LOG = Logger.getLogger(SolverCapacity.class);

    public record Snapshot(int solvers, long queued, boolean known, long takenAtMillis) {
    }

    private final String bootstrapServers;
    private final GatewayConfig.Capacity config;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "solver-capacity");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot current = new Snapshot(0, 0, false, 0);
    private Admin admin;

    public SolverCapacity(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, GatewayConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config.capacity();
    }

    void start(@Observes StartupEvent started) {
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers,
                "request.timeout.ms", (int) config.refreshInterval().multipliedBy(2).toMillis(),
                "default.api.timeout.ms", (int) config.refreshInterval().multipliedBy(3).toMillis()));
        long every = config.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        scheduler.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    public Snapshot current() {
        return current;
    }

    /**
     * The most live solves one account may have in flight now: its share of the browser contexts the solvers now
     * running offer, at least one. More solvers (the autoscaler adds them as the queue grows) raise it.
     */
    public long accountCap() {
        long contexts = (long) current.solvers() * config.contextsPerSolver();
        return Math.max(1, (long) Math.floor(config.accountShare() * contexts));
    }

    /** Why a solve cannot be admitted now, or null when it can. */
    public String refusal() {
        Snapshot s = current;
        if (s.solvers() == 0) {
            return s.known() ? "no solver is running" : "solver capacity is not known yet";
        }
        if (s.queued() > config.maxQueueDepth()) {
            return "the solve queue is full (" + s.queued() + " waiting)";
        }
        return null;
    }

    void refresh() {
        try {
            long timeout = config.refreshInterval().multipliedBy(3).toMillis();
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(config.solverGroup()))
                    .describedGroups().get(config.solverGroup()).get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.solverGroup())
                    .partitionsToOffsetAndMetadata().get(timeout, TimeUnit.MILLISECONDS);
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.SOLVE_REQUESTS)).allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS).get(Topics.SOLVE_REQUESTS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.SOLVE_REQUESTS, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(timeout, TimeUnit.MILLISECONDS);
            long queued = 0;
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                // A partition the group never committed counts from the start of the log: nothing of it was consumed.
                queued += Math.max(0, ends.get(p).offset() - (c == null ? 0 : c.offset()));
            }
            current = new Snapshot(group.members().size(), queued, true, System.currentTimeMillis());
        } catch (Exception e) {
            Snapshot last = current;
            if (last.known() && System.currentTimeMillis() - last.takenAtMillis() < config.staleAfter().toMillis()) {
                // One slow answer from a busy broker is not an outage: the last reading stands for a little while.
                LOG.debugf("solver capacity not refreshed (keeping the reading of %d ms ago): %s",
                        System.currentTimeMillis() - last.takenAtMillis(), e.toString());
                return;
            }
            // Broker unreachable: the solve path cannot publish either; say so rather than guess.
            LOG.debugf("solver capacity unknown: %s", e.toString());
            current = new Snapshot(0, 0, false, System.currentTimeMillis());
        }
    }
}
