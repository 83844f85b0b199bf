-- The outbox keeps the reference of the application each message is about (the staff read it, not the
-- internal id); messages written before are given theirs.
ALTER TABLE outbox_message ADD COLUMN reference VARCHAR(40);
UPDATE outbox_message SET reference = (SELECT a.reference FROM application a WHERE a.id = outbox_message.application_id);
