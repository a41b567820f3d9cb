-- The credits ledger: every balance change is an immutable entry with a unique reference (its idempotency key);
-- account_balance is the running total, always equal to the sum of the account's entries.
create table account_balance (
    account_id uuid primary key,
    credits    bigint      not null check (credits >= 0),
    updated_at timestamptz not null
);

create table ledger_entry (
    id            uuid primary key,
    account_id    uuid         not null,
    type          varchar(16)  not null check (type in ('daily_grant', 'purchase', 'solve_charge', 'refund', 'adjustment')),
    amount        bigint       not null,
    balance_after bigint       not null check (balance_after >= 0),
    description   varchar(255) not null,
    reference     varchar(128) not null unique,
    created_at    timestamptz  not null
);
create index ledger_entry_account_created on ledger_entry (account_id, created_at desc, id desc);
