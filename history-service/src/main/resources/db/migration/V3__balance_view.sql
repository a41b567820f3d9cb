-- The latest balance of each account as billing announced it (billing.events BalanceChanged), for the dashboard stream.
create table account_balance_view (
    account_id uuid primary key,
    credits    bigint      not null,
    held       bigint      not null,
    available  bigint      not null,
    as_of      timestamptz not null
);
