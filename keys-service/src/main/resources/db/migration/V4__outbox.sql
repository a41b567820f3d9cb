-- Transactional outbox: key and verified-host events are written in the transaction of the change they describe and
-- relayed to Kafka afterwards, so an event is published if and only if its change committed (at least once).
-- seq orders the relay: one key's events reach its compacted topic in the order they were made.
create table outbox_event (
    id           uuid primary key,
    seq          bigserial    not null unique,
    topic        varchar(64)  not null,
    event_key    varchar(300) not null,
    event_type   varchar(64)  not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;
