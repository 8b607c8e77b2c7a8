-- What kind of figure each metric is, from the catalog (docs/catalog.md, "type"): 'state' (a level, a
-- concentration, a queue: average it), 'total' (an amount over the interval ending at the reading's time:
-- rain, vehicles, kWh: add it up) or 'increment' (one more event per record: calls, orders: add it up).
-- Rows written before this migration read 'state' until the catalog is written again, which Pantau does
-- right after migrating, at the same start.
ALTER TABLE metric ADD COLUMN type text NOT NULL DEFAULT 'state';
ALTER TABLE metric ADD CONSTRAINT metric_type_check CHECK (type IN ('state', 'total', 'increment'));
COMMENT ON COLUMN metric.type IS 'state (average it), total or increment (add it up: the aggregates'' sum); from the catalog';
