-- The case page reads one application's selection events.
CREATE INDEX ix_selection_event_application ON selection_event (application_id);
