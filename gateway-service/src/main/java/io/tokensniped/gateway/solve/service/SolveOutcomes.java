package io.tokensniped.gateway.solve.service;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.events.Topics;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.kafka.TopicFollower;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Delivers a solve's terminal event to the request waiting for it on this instance. Every gateway instance follows
 * every partition of {@code solve.events} (and of {@code solve.test-events}, test mode's), so the outcome reaches
 * whichever instance holds the request.
 */
@ApplicationScoped
public class SolveOutcomes {

    private static final Logger LOG = Logger.getLogger(SolveOutcomes.class);

    /** Requests waiting per solve: usually one, more when an Idempotency-Key replay waits beside the original. */
    private final Map<UUID, Set<CompletableFuture<SolveEvent>>> waiting = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private TopicFollower<byte[]> follower;

    public SolveOutcomes(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, GatewayConfig config,
            ObjectMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.json = json;
    }

    void start(@Observes StartupEvent started) {
        follower = new TopicFollower<>(bootstrapServers, java.util.List.of(Topics.SOLVE_EVENTS, Topics.SOLVE_TEST_EVENTS),
                new ByteArrayDeserializer(),
                TopicFollower.StartAt.END, config.follower().pollTimeout(), this::deliver).start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (follower != null) {
            follower.close();
        }
    }

    /** Registers interest before the request is published, so a fast outcome cannot slip past. */
    public CompletableFuture<SolveEvent> expect(UUID solveId) {
        CompletableFuture<SolveEvent> outcome = new CompletableFuture<>();
        waiting.compute(solveId, (id, waiters) -> {
            Set<CompletableFuture<SolveEvent>> all = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            all.add(outcome);
            return all;
        });
        // Completed, or cancelled by a request that stopped waiting: forget it.
        outcome.whenComplete((event, error) -> waiting.computeIfPresent(solveId, (id, waiters) -> {
            waiters.remove(outcome);
            return waiters.isEmpty() ? null : waiters;
        }));
        return outcome;
    }

    /**
     * Every instance reads every solve event, but only the few solves it holds requests for matter here: the record
     * key (the solve id) is checked first and only those events are parsed.
     */
    void deliver(ConsumerRecord<String, byte[]> record) {
        UUID solveId;
        try {
            solveId = UUID.fromString(record.key());
        } catch (IllegalArgumentException | NullPointerException notASolveKey) {
            return;
        }
        if (!waiting.containsKey(solveId)) {
            return;
        }
        SolveEvent event;
        try {
            event = json.readValue(record.value(), SolveEvent.class);
        } catch (IOException unreadable) {
            LOG.warnf("unreadable event for solve %s skipped: %s", solveId, unreadable.getMessage());
            return;
        }
        if (event.terminal()) {
            Set<CompletableFuture<SolveEvent>> waiters = waiting.remove(event.solveId());
            if (waiters != null) {
                waiters.forEach(outcome -> outcome.complete(event));
            }
        }
    }

    /** How many requests on this instance wait for the solve (for tests and diagnostics). */
    public int waiters(UUID solveId) {
        Set<CompletableFuture<SolveEvent>> waiters = waiting.get(solveId);
        return waiters == null ? 0 : waiters.size();
    }

    public boolean ready() {
        return follower != null && follower.caughtUp();
    }

}
