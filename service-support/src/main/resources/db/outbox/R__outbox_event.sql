-- The transactional outbox's table, the one definition every service with an outbox uses (OutboxWriter appends,
-- OutboxRelay publishes in seq order and marks published_at). A service adds classpath:db/outbox to
-- quarkus.flyway.locations.
--
-- Repeatable and idempotent, so it is safe wherever the table already exists: keys-service (V4__outbox) and
-- billing-service (V3__outbox, V5__outbox_sequence) created it in their own scripts before this module existed, and
-- those scripts stay as they are (Flyway checks the checksums of applied migrations). Flyway runs this after every
-- versioned migration: on a new database it creates the table, on an existing one it brings the table to this shape.
create table if not exists outbox_event (
    id           uuid primary key,
    seq          bigserial    not null unique,
    topic        varchar(64)  not null,
    event_key    varchar(300) not null,
    event_type   varchar(64)  not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);

-- billing-service's table had event_key varchar(128). Widened only where narrower (never narrowed, no lock taken
-- when there is nothing to do); widening a varchar rewrites nothing in PostgreSQL.
do $$
begin
    if (select character_maximum_length from information_schema.columns
        where table_schema = current_schema() and table_name = 'outbox_event' and column_name = 'event_key') < 300 then
        alter table outbox_event alter column event_key type varchar(300);
    end if;
end
$$;

create index if not exists outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index if not exists outbox_event_published on outbox_event (published_at) where published_at is not null;
