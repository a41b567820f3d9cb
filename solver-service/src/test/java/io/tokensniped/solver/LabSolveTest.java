package io.tokensniped.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.tokensniped.events.Topics;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.lab.ChallengeLab;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/**
 * What the solver's browser tests share: the project's challenge lab, jobs published to solve.requests on the real
 * broker and their events read back from solve.events.
 */
@QuarkusTestResource(LabResource.class)
abstract class LabSolveTest {

    static final Duration OUTCOME_WAIT = Duration.ofSeconds(60);
    static ChallengeLab lab;

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    /** The lab {@link LabResource} started for this application's run (its origin is the operator's allowance). */
    @BeforeAll
    static void findLab() {
        lab = LabResource.lab();
    }

    static SolveRequested job(SolveType type, SolveTarget target, Instant deadline) {
        return new SolveRequested(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), type, false, 1, deadline, target, null);
    }

    static Instant in(int seconds) {
        return Instant.now().plusSeconds(seconds);
    }

    /** Publishes the job and returns every event of that solve up to and including the terminal one. */
    List<SolveEvent> run(SolveRequested job) throws Exception {
        try (TestKafka.Tail events = new TestKafka.Tail(kafka, Topics.SOLVE_EVENTS)) {
            TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, job.solveId().toString(), json.writeValueAsString(job));
            String id = job.solveId().toString();
            events.await(v -> v.contains(id) && !v.contains("SolveStarted"), OUTCOME_WAIT)
                    .orElseThrow(() -> new AssertionError("no outcome for " + id));
            return events.all(v -> v.contains(id)).stream().map(this::read).toList();
        }
    }

    SolveEvent read(String value) {
        try {
            return json.readValue(value, SolveEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SolveFailed failure(List<SolveEvent> events) {
        SolveEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof SolveFailed, "expected a failure, got " + events);
        return (SolveFailed) last;
    }

    @SuppressWarnings("unchecked")
    static <S> S solution(List<SolveEvent> events, Class<S> type) {
        SolveEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof SolveSucceeded, "expected a success, got " + events);
        return type.cast(((SolveSucceeded) last).solution());
    }
}
