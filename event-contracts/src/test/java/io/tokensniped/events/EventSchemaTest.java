package io.tokensniped.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BalanceLow;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.billing.CreditsCharged;
import io.tokensniped.events.billing.CreditsGranted;
import io.tokensniped.events.billing.CreditsPurchased;
import io.tokensniped.events.billing.CreditsRefunded;
import io.tokensniped.events.keys.ApiKeyCreated;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.keys.ApiKeyRevoked;
import io.tokensniped.events.keys.ApiKeyState;
import io.tokensniped.events.keys.ApiKeyUpdated;
import io.tokensniped.events.solve.CallbackFormat;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.events.targets.TargetHostEvent;
import io.tokensniped.events.targets.TargetHostRemoved;
import io.tokensniped.events.targets.TargetHostVerified;

/** Every record serialises to JSON its schema accepts, and reads back to an equal record through its family type. */
@Tag("fast")
class EventSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final Instant NOW = Instant.parse("2026-11-28T14:15:22.123Z");
    static final UUID ACCOUNT = UUID.randomUUID();
    static final UUID SOLVE = UUID.randomUUID();
    static final String HASH = "a".repeat(64);

    static Stream<EventContract> samples() {
        ApiKeyState state = new ApiKeyState("sk_live_AbCd", ApiKeyMode.LIVE, true, 60, 10_000);
        return Stream.of(
                new SolveRequested(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, UUID.randomUUID(), SolveType.TURNSTILE, false, 1,
                        NOW.plusSeconds(60), SolveTarget.turnstile("https://example.test/login", "0x4AAA", null, null), null),
                new SolveStarted(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, "solver-1"),
                new SolveSucceeded(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.TURNSTILE,
                        new Solution.Turnstile("tok", "Mozilla/5.0"), 1, NOW, 840),
                // Billing was away at admission: the gateway reserved the price, billing holds it on reading this.
                new SolveRequested(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, UUID.randomUUID(), SolveType.TURNSTILE, false, 1,
                        NOW.plusSeconds(60), SolveTarget.turnstile("https://example.test/", "0x4AAAAAAAtest", null, null), null)
                        .withProvisionalHold(),
                new SolveSucceeded(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.GEETEST,
                        new Solution.Geetest("c".repeat(32), "lot", "out", "pass", "1700000000"), 2, NOW, 900),
                new SolveSucceeded(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.INTERSTITIAL,
                        new Solution.Interstitial(
                                List.of(new Solution.Cookie("cf_clearance", "v", "lab.test", "/", -1, true, false, "Lax")),
                                "Mozilla/5.0", "https://lab.test/", 200),
                        3, NOW, 1200),
                new SolveFailed(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.TURNSTILE,
                        SolveErrorCode.INTERACTIVE_CHALLENGE,
                        "the widget asked for a human", null, 10),
                // A per-request callback travels from the request to the outcome.
                new SolveRequested(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, UUID.randomUUID(), SolveType.GEETEST, true, 0,
                        NOW.plusSeconds(60), SolveTarget.geetest("https://example.test/", "c".repeat(32)), null,
                        "https://hooks.example.com/solved?ref=1"),
                new SolveSucceeded(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.TURNSTILE,
                        new Solution.Turnstile("tok", "Mozilla/5.0"), 1, NOW, 840, "https://hooks.example.com/solved"),
                new SolveFailed(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.TURNSTILE, SolveErrorCode.SOLVE_TIMEOUT,
                        "no result", NOW, 60_000, "https://hooks.example.com/solved"),
                // A createTask's callback wants the task protocol's body: its format travels beside the URL.
                new SolveRequested(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, UUID.randomUUID(), SolveType.GEETEST, false, 2,
                        NOW.plusSeconds(60), SolveTarget.geetest("https://example.test/", "c".repeat(32)), null,
                        "https://hooks.example.com/task", CallbackFormat.taskProtocol("GEETEST", "203.0.113.7")),
                new SolveSucceeded(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.GEETEST,
                        new Solution.Geetest("c".repeat(32), "lot", "out", "pass", "1700000000"), 2, NOW, 900,
                        "https://hooks.example.com/task", CallbackFormat.taskProtocol("GEETEST", "203.0.113.7"),
                        NOW.minusSeconds(1)),
                new SolveFailed(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, SolveType.TURNSTILE,
                        SolveErrorCode.INTERACTIVE_CHALLENGE,
                        "the widget asked for a human", NOW, 700, "https://hooks.example.com/task",
                        CallbackFormat.taskProtocol("TURNSTILE", "2001:db8::7"), NOW.minusMillis(700)),
                new ApiKeyCreated(UUID.randomUUID(), NOW, UUID.randomUUID(), ACCOUNT, HASH, state),
                new ApiKeyUpdated(UUID.randomUUID(), NOW, UUID.randomUUID(), ACCOUNT, HASH, state),
                new ApiKeyRevoked(UUID.randomUUID(), NOW, UUID.randomUUID(), ACCOUNT, HASH),
                new TargetHostVerified(UUID.randomUUID(), NOW, ACCOUNT, "shop.example.com"),
                new TargetHostRemoved(UUID.randomUUID(), NOW, ACCOUNT, "127.0.0.1:8090"),
                new CreditsGranted(UUID.randomUUID(), NOW, ACCOUNT, UUID.randomUUID(), 10, 10, "daily:a:2026-11-28",
                        "daily_grant"),
                new CreditsPurchased(UUID.randomUUID(), NOW, ACCOUNT, UUID.randomUUID(), 1000, 1010, "stripe:cs_test_1",
                        "stripe"),
                new CreditsCharged(UUID.randomUUID(), NOW, ACCOUNT, UUID.randomUUID(), 1, 1009, "solve:" + SOLVE, SOLVE),
                new CreditsRefunded(UUID.randomUUID(), NOW, ACCOUNT, UUID.randomUUID(), 1, 1010, "refund:" + SOLVE, "support"),
                new BalanceChanged(UUID.randomUUID(), NOW, ACCOUNT, 1010, 3, 1007, "hold_placed", SOLVE),
                new BalanceChanged(UUID.randomUUID(), NOW, ACCOUNT, 1010, 3, 1007, "daily_grant"),
                new BalanceLow(UUID.randomUUID(), NOW, ACCOUNT, 4, 5));
    }

    static JsonSchema schemaFor(EventContract event) throws Exception {
        String name = event.getClass().getSimpleName();
        try (InputStream in = EventSchemaTest.class
                .getResourceAsStream("/schemas/v" + event.schemaVersion() + "/" + name + ".json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    static Class<?> family(EventContract event) {
        if (event instanceof SolveEvent) {
            return SolveEvent.class;
        }
        if (event instanceof BillingEvent) {
            return BillingEvent.class;
        }
        if (event instanceof TargetHostEvent) {
            return TargetHostEvent.class;
        }
        return event instanceof ApiKeyEvent ? ApiKeyEvent.class : event.getClass();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void serialisedEventMatchesItsSchemaAndRoundTrips(EventContract event) throws Exception {
        JsonNode json = JSON.valueToTree(event);
        Set<ValidationMessage> errors = schemaFor(event).validate(json);
        assertTrue(errors.isEmpty(), () -> event.getClass().getSimpleName() + ": " + errors + " in " + json);

        Object back = JSON.treeToValue(json, family(event));
        assertEquals(event, back);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schemaRejectsAnEventMissingItsId(EventContract event) throws Exception {
        ObjectNode json = JSON.valueToTree(event);
        json.remove("eventId");
        assertFalse(schemaFor(event).validate(json).isEmpty());
    }

    @Test
    void readersIgnoreFieldsAddedByANewerProducer() throws Exception {
        ObjectNode json = JSON.valueToTree(new SolveStarted(UUID.randomUUID(), NOW, SOLVE, ACCOUNT, "solver-1"));
        json.put("addedLater", "x");
        assertTrue(JSON.treeToValue(json, SolveEvent.class) instanceof SolveStarted);
    }
}
