-- Credit holds: admission reserves a solve's price here; the solve's end captures it (a solve_charge entry) or
-- releases it. held is the sum of the account's open holds, so credits - held is what new admissions may spend.
-- Holds are not ledger entries: only a capture changes the balance.
alter table account_balance add column held bigint not null default 0 check (held >= 0);
alter table account_balance add constraint held_within_credits check (held <= credits);

create table credit_hold (
    solve_id   uuid primary key,
    account_id uuid        not null,
    amount     bigint      not null check (amount > 0),
    status     varchar(8)  not null check (status in ('open', 'captured', 'released')),
    expires_at timestamptz not null,
    created_at timestamptz not null,
    settled_at timestamptz
);
create index credit_hold_open_expiry on credit_hold (expires_at) where status = 'open';
create index credit_hold_account on credit_hold (account_id, created_at desc);
