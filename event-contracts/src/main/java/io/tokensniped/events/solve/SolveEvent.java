package io.tokensniped.events.solve;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.tokensniped.events.EventContract;

/** The progress of one solve on {@code solve.events}; the {@code event} property names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SolveStarted.class, name = "SolveStarted"),
        @JsonSubTypes.Type(value = SolveSucceeded.class, name = "SolveSucceeded"),
        @JsonSubTypes.Type(value = SolveFailed.class, name = "SolveFailed")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface SolveEvent extends EventContract permits SolveStarted, SolveSucceeded, SolveFailed {

    UUID solveId();

    UUID accountId();

    /** True for the events after which the solve never changes again. */
    default boolean terminal() {
        return !(this instanceof SolveStarted);
    }
}
