package io.tokensniped.gateway;

import java.time.Duration;
import java.time.Instant;

import io.tokensniped.events.Topics;
import io.tokensniped.gateway.capacity.SolverCapacity;
import io.tokensniped.localstack.testing.TestKafka;

/** A member of the solver group for the gateway's tests, so admission sees a live solver (the tests answer for it). */
final class SolverStandIn {

    private static TestKafka.GroupMember member;

    private SolverStandIn() {
    }

    static synchronized void ensure(String kafka, SolverCapacity capacity, boolean present) throws Exception {
        if (present && member == null) {
            member = new TestKafka.GroupMember(kafka, Topics.SOLVE_REQUESTS, "solver");
        } else if (!present && member != null) {
            member.close();
            member = null;
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while ((capacity.current().solvers() > 0) != present) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the gateway never saw the solver group " + (present ? "join" : "empty"));
            }
            Thread.sleep(50);
        }
    }
}
