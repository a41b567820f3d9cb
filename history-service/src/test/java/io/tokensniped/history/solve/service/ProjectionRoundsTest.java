package io.tokensniped.history.solve.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A batch is written in rounds in which each solve appears once, so the stream still shows every state it passed. */
@Tag("fast")
class ProjectionRoundsTest {

    record Event(UUID solve, String name) {
    }

    @Test
    void eachSolveAppearsOncePerRoundInTheBatchsOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Event aStarted = new Event(a, "a-started");
        Event bStarted = new Event(b, "b-started");
        Event aSolved = new Event(a, "a-solved");
        Event bSolved = new Event(b, "b-solved");
        Event aAgain = new Event(a, "a-again");

        List<List<Event>> rounds = SolveProjection.rounds(List.of(aStarted, bStarted, aSolved, aAgain, bSolved), Event::solve);

        assertEquals(List.of(List.of(aStarted, bStarted), List.of(aSolved, bSolved), List.of(aAgain)), rounds);
    }

    @Test
    void aBatchOfDistinctSolvesIsOneRoundAndAnEmptyOneNone() {
        List<Event> distinct = List.of(new Event(UUID.randomUUID(), "x"), new Event(UUID.randomUUID(), "y"));
        assertEquals(List.of(distinct), SolveProjection.rounds(distinct, Event::solve));
        assertEquals(List.of(), SolveProjection.rounds(List.<Event>of(), Event::solve));
    }
}
