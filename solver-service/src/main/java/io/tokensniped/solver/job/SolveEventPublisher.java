package io.tokensniped.solver.job;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.solve.SolveEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes solve progress to {@code solve.events}, keyed by solve id (one partition per solve keeps its events in
 * order). Waits for the broker's acknowledgement, so a job's offset is committed only after its outcome is stored.
 */
@ApplicationScoped
public class SolveEventPublisher {

    private final MutinyEmitter<SolveEvent> emitter;

    public SolveEventPublisher(@Channel("solve-events") MutinyEmitter<SolveEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(SolveEvent event) {
        emitter.sendMessageAndAwait(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.solveId().toString()).build()));
    }
}
