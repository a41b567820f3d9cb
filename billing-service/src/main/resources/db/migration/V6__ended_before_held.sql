-- A solve admitted while billing was away has its hold placed when billing reads its SolveRequested, which may come
-- after its outcome or after the gateway withdrew it. Such an end is remembered as a released row of amount 0, so the
-- late hold is never placed (CreditHolds.placeProvisional).
alter table credit_hold drop constraint credit_hold_amount_check;
alter table credit_hold add constraint credit_hold_amount_check check (amount > 0 or (status = 'released' and amount = 0));
