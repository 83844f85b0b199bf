CREATE TABLE campaign (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    title               VARCHAR(200)  NOT NULL,
    theme               VARCHAR(4000) NOT NULL,
    opening_date        DATE          NOT NULL,
    closing_date        DATE          NOT NULL,
    laureate_capacity   INTEGER       NOT NULL,
    advised_capacity    INTEGER       NOT NULL,
    reserve_capacity    INTEGER       NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    published_by        VARCHAR(64),
    process_instance_id VARCHAR(64),
    created_at          TIMESTAMP     NOT NULL,
    updated_at          TIMESTAMP     NOT NULL,
    CONSTRAINT ck_campaign_dates CHECK (closing_date > opening_date),
    CONSTRAINT ck_campaign_capacities CHECK (laureate_capacity >= 1 AND advised_capacity >= 0 AND reserve_capacity >= 0)
);

CREATE INDEX ix_campaign_status ON campaign (status);
