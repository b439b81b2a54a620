-- Contact attempts (P1, P2, P9, P15): every try to reach a customer and every
-- time the customer got in touch, with its outcome and the customer's words.
-- Enums are their lower-case text form from forthright_core::contact.
CREATE TABLE contact_attempts (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases (id),
    at        INTEGER NOT NULL,
    channel   TEXT    NOT NULL,
    direction TEXT    NOT NULL,
    outcome   TEXT    NOT NULL,
    agent     TEXT,
    note      TEXT
);

-- A case's attempts in order, and the per-disruption tally (join from cases).
CREATE INDEX contact_attempts_case ON contact_attempts (case_id, at, id);
