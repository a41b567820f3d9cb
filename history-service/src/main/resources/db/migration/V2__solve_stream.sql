-- The account's stream of solve changes, for the Server-Sent-Event streams: one row per visible status change,
-- numbered per account (seq, the SSE event id). The counter row is locked by each append until commit, so an
-- account's events commit in seq order and a reader resuming after seq N misses nothing.
create table account_stream (
    account_id uuid primary key,
    last_seq   bigint not null
);

create table stream_event (
    account_id uuid        not null,
    seq        bigint      not null,
    solve_id   uuid        not null,
    status     varchar(16) not null,
    payload    text        not null,
    created_at timestamptz not null,
    primary key (account_id, seq)
);
create index stream_event_solve on stream_event (solve_id, seq);

-- The last status appended to the stream for a solve: events that do not change it append nothing.
alter table solve add column streamed_status varchar(16);
