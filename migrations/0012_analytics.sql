-- Analytics: the indexes the funnel, time-in-stage, win-rate and forecast queries search by, and
-- the daily forecast snapshots that "last periods' forecasts" are compared with.

-- Funnel entries: the events into a stage in a date range, with the lead (covering).
CREATE INDEX stage_events_site_stage_at ON stage_events (site_id, to_stage, at, lead_id);
-- A lead's history in order with the columns the funnel and time-in-stage read (covering, so
-- the per-lead look-ups never touch the table).
CREATE INDEX stage_events_lead_cover ON stage_events (site_id, lead_id, at, to_stage, from_stage);
-- (Win rates, lost reasons and past actuals search leads_site_stage_entered_at from 0010.)
-- Widget steps in a date range.
CREATE INDEX quiz_step_events_site_at ON quiz_step_events (site_id, at, question, event, session_id);
CREATE INDEX bookings_site_created ON bookings (site_id, created_at);
CREATE INDEX quotes_site_sent ON quotes (site_id, sent_at) WHERE sent_at IS NOT NULL;

-- One row per store, day the forecast was taken, forecast month and currency: the weighted
-- pipeline expected to close in `month` as it looked on `taken_on` (UTC day). `pipeline_id` is
-- '' for all of the store's pipelines together. `method` names how close months and
-- probabilities were chosen, so a change of method can be told apart from a change of data.
CREATE TABLE forecast_snapshots (
  site_id TEXT NOT NULL REFERENCES sites (id),
  pipeline_id TEXT NOT NULL DEFAULT '',
  month TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  currency TEXT NOT NULL,
  weighted_minor INTEGER NOT NULL,
  pipeline_minor INTEGER NOT NULL,
  lead_count INTEGER NOT NULL,
  method TEXT NOT NULL,
  PRIMARY KEY (site_id, pipeline_id, month, taken_on, currency)
);
