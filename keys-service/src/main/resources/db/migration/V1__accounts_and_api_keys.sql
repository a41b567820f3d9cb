create table account (
    id            uuid primary key,
    email         varchar(254) not null,
    name          varchar(128) not null,
    password_hash varchar(100) not null,
    created_at    timestamptz  not null
);
create unique index account_email_key on account (lower(email));

create table api_key (
    id             uuid primary key,
    account_id     uuid         not null references account (id),
    name           varchar(64)  not null,
    -- Only the SHA-256 of the key and a display prefix are stored, never the key.
    key_hash       char(64)     not null unique,
    key_prefix     varchar(16)  not null,
    mode           varchar(8)   not null check (mode in ('live', 'test')),
    active         boolean      not null,
    rate_limit_rpm integer      not null check (rate_limit_rpm between 1 and 10000),
    rate_limit_rpd integer      not null check (rate_limit_rpd between 1 and 1000000),
    created_at     timestamptz  not null,
    last_used_at   timestamptz,
    revoked_at     timestamptz
);
create index api_key_account on api_key (account_id) where revoked_at is null;
