-- The outbox is delivered by a dispatcher of the notification module, not by process steps.
-- next_attempt_at: when the message is due (the retry schedule moves it after a failure).
-- locked_until / locked_by: the lease of the node sending it; an expired lease may be taken again.
-- consecutive_failures: failures since the message was enqueued or last retried by a manager.
-- AWAITING_CONFIRMATION: held until the applicant has opened the tracking link; FAILED: given up, shown
-- on /staff/outbox where a manager may retry it.
ALTER TABLE outbox_message DROP CONSTRAINT ck_outbox_message_status;
ALTER TABLE outbox_message ALTER COLUMN status SET DATA TYPE VARCHAR(30);
ALTER TABLE outbox_message ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE outbox_message ADD COLUMN locked_until TIMESTAMP;
ALTER TABLE outbox_message ADD COLUMN locked_by VARCHAR(100);
ALTER TABLE outbox_message ADD COLUMN consecutive_failures INTEGER DEFAULT 0 NOT NULL;
UPDATE outbox_message SET next_attempt_at = created_at;
ALTER TABLE outbox_message ALTER COLUMN next_attempt_at SET NOT NULL;
ALTER TABLE outbox_message ADD CONSTRAINT ck_outbox_message_status
    CHECK (status IN ('PENDING', 'AWAITING_CONFIRMATION', 'SENT', 'FAILED'));
CREATE INDEX ix_outbox_message_due ON outbox_message (status, next_attempt_at);

-- Applications whose applicant proved the contact address by opening the private tracking link.
CREATE TABLE outbox_confirmed_recipient (
    application_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
    confirmed_at    TIMESTAMP    NOT NULL
);
