-- The relay publishes in write order (seq), as keys-service's does; created_at could tie within a transaction.
alter table outbox_event add column seq bigserial not null unique;
drop index outbox_event_unpublished;
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
