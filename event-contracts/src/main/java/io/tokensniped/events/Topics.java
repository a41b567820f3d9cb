package io.tokensniped.events;

/**
 * Kafka topic names and their partition counts. Partition counts bound how far consumers scale out:
 * a consumer group never has more active members than the topic has partitions.
 */
public final class Topics {

    /** {@link io.tokensniped.events.solve.SolveRequested}, keyed by solve id; consumed by the solver group. */
    public static final String SOLVE_REQUESTS = "solve.requests";
    public static final int SOLVE_REQUESTS_PARTITIONS = 12;

    /** {@link io.tokensniped.events.solve.SolveEvent}s, keyed by solve id. */
    public static final String SOLVE_EVENTS = "solve.events";
    public static final int SOLVE_EVENTS_PARTITIONS = 12;

    /**
     * Test-mode solves ({@code sk_test_} keys) travel apart from live ones: they never enter the solvers' queue nor
     * count toward its depth, never reach billing, and a flood of them cannot delay the projection of live solves.
     * Same records, keys and partitions as {@link #SOLVE_REQUESTS} and {@link #SOLVE_EVENTS}.
     */
    public static final String SOLVE_TEST_REQUESTS = "solve.test-requests";
    public static final int SOLVE_TEST_REQUESTS_PARTITIONS = 12;

    public static final String SOLVE_TEST_EVENTS = "solve.test-events";
    public static final int SOLVE_TEST_EVENTS_PARTITIONS = 12;

    /** {@link io.tokensniped.events.keys.ApiKeyEvent}s, keyed by API key id; log-compacted so it is also the key directory. */
    public static final String API_KEYS = "keys.api-keys";
    public static final int API_KEYS_PARTITIONS = 3;

    /** {@link io.tokensniped.events.targets.TargetHostEvent}s, keyed by account/host; compacted. */
    public static final String VERIFIED_HOSTS = "keys.verified-hosts";
    public static final int VERIFIED_HOSTS_PARTITIONS = 3;

    /** {@link io.tokensniped.events.billing.BillingEvent}s, keyed by account id (an account's events stay in order). */
    public static final String BILLING_EVENTS = "billing.events";
    public static final int BILLING_EVENTS_PARTITIONS = 6;

    private Topics() {
    }
}
