-- A case's `opened` event is its row in `cases`: `opened_at` is when impact
-- analysis opened it, and `case_events` lists it first (detail "impact
-- analysis of disruption N found this customer affected"). Writing it as a
-- row of its own cost a second bulk write per case opened (P1: tens of
-- thousands of cases in well under a second). The rows written before this
-- version repeat the case row's time; the lines and orders their detail
-- counted are the case's lines less those with a `line_added` event. Same
-- version and purpose as PostgreSQL's.
DELETE FROM case_events
WHERE kind = 'opened'
  AND EXISTS (SELECT 1 FROM cases c
              WHERE c.id = case_events.case_id AND c.opened_at = case_events.at);
