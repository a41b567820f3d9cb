package io.tokensniped.solver.policy;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.events.Topics;
import io.tokensniped.events.targets.TargetHostEvent;
import io.tokensniped.events.targets.TargetHostVerified;
import io.tokensniped.solver.config.SolverConfig;
import io.tokensniped.support.kafka.TopicFollower;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The hosts each account has proven it controls, as keys-service announces them on the compacted
 * {@code keys.verified-hosts} topic: rebuilt from its beginning at start, then followed.
 */
@ApplicationScoped
public class VerifiedHosts {

    private final Map<UUID, Set<String>> byAccount = new ConcurrentHashMap<>();
    private final String bootstrapServers;
    private final SolverConfig config;
    private TopicFollower<TargetHostEvent> follower;

    public VerifiedHosts(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, SolverConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        follower = new TopicFollower<>(bootstrapServers, Topics.VERIFIED_HOSTS,
                new ObjectMapperDeserializer<>(TargetHostEvent.class), TopicFollower.StartAt.BEGINNING,
                config.pollInterval(), this::apply).start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (follower != null) {
            follower.close();
        }
    }

    void apply(ConsumerRecord<String, TargetHostEvent> record) {
        TargetHostEvent event = record.value();
        Set<String> hosts = byAccount.computeIfAbsent(event.accountId(), a -> ConcurrentHashMap.newKeySet());
        if (event instanceof TargetHostVerified) {
            hosts.add(event.host());
        } else {
            hosts.remove(event.host());
        }
    }

    /** {@code authority} is the lower-case host, with ":port" when the URL names a non-default port. */
    public boolean verified(UUID accountId, String authority) {
        return byAccount.getOrDefault(accountId, Set.of()).contains(authority);
    }

    public boolean ready() {
        return follower != null && follower.caughtUp();
    }
}
