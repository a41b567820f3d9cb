-- Per-solve callbacks (a solve request's callbackUrl): a delivery goes either to an endpoint or to the URL the solve
-- named, never both. Callbacks are signed with the account's callback secret (created on first use; rotation keeps the
-- previous one signing beside it until callback_previous_secret_expires_at, as for endpoints).
ALTER TABLE webhook_delivery ALTER COLUMN endpoint_id DROP NOT NULL;
ALTER TABLE webhook_delivery ADD COLUMN callback_url text;
ALTER TABLE webhook_delivery ADD COLUMN account_id uuid;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_one_target
    CHECK ((endpoint_id IS NULL) = (callback_url IS NOT NULL) AND (callback_url IS NULL OR account_id IS NOT NULL));
CREATE INDEX webhook_delivery_callbacks ON webhook_delivery (account_id, created_at DESC) WHERE callback_url IS NOT NULL;

ALTER TABLE webhook_account ADD COLUMN callback_secret text;
ALTER TABLE webhook_account ADD COLUMN callback_previous_secret text;
ALTER TABLE webhook_account ADD COLUMN callback_previous_secret_expires_at timestamptz;
