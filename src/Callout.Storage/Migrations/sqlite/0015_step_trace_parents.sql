-- The W3C traceparent of the span that created a step (an API call, an alert, an earlier step),
-- so the engine's span for the step continues that trace, later and on any node
-- (docs/decisions.md, "Traces across the durable engine"). Null when traces were not exported.
ALTER TABLE steps ADD COLUMN trace_parent TEXT;
