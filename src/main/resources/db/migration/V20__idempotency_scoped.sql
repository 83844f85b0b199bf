-- Idempotency records are now scoped to the client, found by a hash of the client and the key, and
-- hold the first response encrypted with a key derived from the Idempotency-Key (which only the
-- client knows). The old records kept tracking tokens in clear: they are dropped.
DROP TABLE idempotency_record;

CREATE TABLE idempotency_record (
    key_hash         VARCHAR(64)   NOT NULL PRIMARY KEY,
    request_hash     VARCHAR(64)   NOT NULL,
    status_code      INTEGER       NOT NULL,
    location         VARCHAR(500),
    response_cipher  TEXT          NOT NULL,
    created_at       TIMESTAMP     NOT NULL
);

CREATE INDEX ix_idempotency_record_created_at ON idempotency_record (created_at);
