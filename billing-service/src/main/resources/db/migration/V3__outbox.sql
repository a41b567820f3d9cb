-- Transactional outbox: billing events are written in the same transaction as the change they describe and relayed
-- to Kafka afterwards, so an event is published if and only if its change committed (at least once).
create table outbox_event (
    id           uuid primary key,
    topic        varchar(64)  not null,
    event_key    varchar(128) not null,
    event_type   varchar(64)  not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (created_at, id) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;
