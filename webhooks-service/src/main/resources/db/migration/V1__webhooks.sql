-- A customer's receiver. The signing secret is stored as issued (it must sign every delivery); during a rotation the
-- previous one signs too until previous_secret_expires_at.
CREATE TABLE webhook_endpoint (
    id                          uuid PRIMARY KEY,
    account_id                  uuid        NOT NULL,
    url                         text        NOT NULL,
    description                 text,
    event_types                 text        NOT NULL,
    enabled                     boolean     NOT NULL,
    disabled_reason             text,
    secret                      text        NOT NULL,
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    failing_since               timestamptz,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);
CREATE INDEX webhook_endpoint_account ON webhook_endpoint (account_id);

-- Per-account settings: the balance.low threshold and the last balance seen (to notice the crossing).
CREATE TABLE webhook_account (
    account_id          uuid PRIMARY KEY,
    balance_low_threshold bigint,
    last_credits        bigint
);

-- One outbound event (the body every endpoint receives, the same webhook-id on every attempt). dedupe_key makes a
-- redelivered source event (or a second terminal event of one solve) produce nothing new.
CREATE TABLE webhook_event (
    id           uuid PRIMARY KEY,
    account_id   uuid        NOT NULL,
    type         text        NOT NULL,
    payload      text        NOT NULL,
    dedupe_key   text        NOT NULL UNIQUE,
    occurred_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL
);

-- The delivery outbox: one row per (event, endpoint), written in the transaction that recorded the event. A sender
-- claims due rows by moving next_attempt_at past a lease, so a sender that dies mid-attempt leaves the row due again.
CREATE TABLE webhook_delivery (
    id               uuid PRIMARY KEY,
    event_id         uuid        NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    created_at       timestamptz NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at DESC);

-- The delivery log: every attempt with what the receiver answered.
CREATE TABLE webhook_attempt (
    id             uuid PRIMARY KEY,
    delivery_id    uuid        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at   timestamptz NOT NULL,
    latency_ms     bigint      NOT NULL,
    response_code  integer,
    excerpt        text,
    error          text,
    succeeded      boolean     NOT NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempted_at);
