-- The announcement walks a campaign's lines page by page in application id order.
CREATE INDEX ix_selection_line_campaign_application ON selection_line (campaign_id, application_id);
