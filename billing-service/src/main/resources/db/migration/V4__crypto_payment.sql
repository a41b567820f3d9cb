-- Crypto payments through the provider: one row per payment, its latest status as the provider reported it.
-- Credits are granted once, when the payment is finished (ledger reference crypto:<payment id>).
create table crypto_payment (
    payment_id       varchar(64)    primary key,
    account_id       uuid           not null,
    package_id       varchar(64)    not null,
    credits          bigint         not null check (credits > 0),
    pay_currency     varchar(32)    not null,
    pay_address      varchar(256)   not null,
    pay_amount       numeric(38, 18) not null,
    price_amount_usd numeric(12, 2) not null,
    status           varchar(32)    not null,
    expires_at       timestamptz,
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null
);
create index crypto_payment_account on crypto_payment (account_id, created_at desc);
