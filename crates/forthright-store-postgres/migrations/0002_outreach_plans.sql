-- Outreach plans (issue 5): one per case, the latest planning run wins.
-- The plan itself is JSON written by forthright-engine; the columns beside it
-- are what queues and reviews sort and filter by.
CREATE TABLE outreach_plans (
    case_id       BIGINT PRIMARY KEY REFERENCES cases (id),
    disruption_id BIGINT NOT NULL,
    rank          BIGINT NOT NULL,
    score         BIGINT NOT NULL,
    channel       TEXT,              -- NULL: no outreach, a person reviews the case
    contact_at    BIGINT,            -- projected first contact, seconds
    planned_at    BIGINT NOT NULL,
    body          TEXT   NOT NULL
);

CREATE INDEX outreach_plans_queue ON outreach_plans (disruption_id, rank);
