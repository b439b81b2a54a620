-- Outreach plans (issue 5): one per case, the latest planning run wins.
-- The plan itself is JSON written by forthright-engine; the columns beside it
-- are what queues and reviews sort and filter by.
CREATE TABLE outreach_plans (
    case_id       INTEGER PRIMARY KEY REFERENCES cases (id),
    disruption_id INTEGER NOT NULL REFERENCES disruptions (id),
    rank          INTEGER NOT NULL,
    score         INTEGER NOT NULL,
    channel       TEXT,              -- NULL: no outreach, a person reviews the case
    contact_at    INTEGER,           -- projected first contact, seconds
    planned_at    INTEGER NOT NULL,
    body          TEXT    NOT NULL
);

CREATE INDEX outreach_plans_queue ON outreach_plans (disruption_id, rank);
