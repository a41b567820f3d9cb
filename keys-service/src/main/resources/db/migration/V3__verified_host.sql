-- Hosts an account adds as solve targets; verified once the host serves the token at
-- /.well-known/tokensniped-verification.txt.
create table verified_host (
    id          uuid primary key,
    account_id  uuid         not null references account (id),
    host        varchar(260) not null,
    token       varchar(64)  not null,
    created_at  timestamptz  not null,
    verified_at timestamptz
);
create unique index verified_host_account_host on verified_host (account_id, host);
