-- One row per solve, merged from SolveRequested and the solve.events stream, which may arrive in any order.
create table solve (
    id            uuid primary key,
    account_id    uuid        not null,
    api_key_id    uuid,
    type          varchar(16),
    status        varchar(16) not null check (status in ('pending', 'processing', 'solved', 'failed')),
    test_mode     boolean     not null default false,
    page_url      varchar(2048),
    cost          bigint      not null default 0,
    solution      jsonb,
    error_code    varchar(32),
    error_message varchar(1024),
    created_at    timestamptz,
    started_at    timestamptz,
    completed_at  timestamptz,
    elapsed_ms    bigint,
    updated_at    timestamptz not null
);
create index solve_account_created on solve (account_id, created_at desc, id desc);

-- Events already applied: the consumer skips a redelivered event by its id.
create table applied_event (
    event_id   uuid primary key,
    applied_at timestamptz not null
);
