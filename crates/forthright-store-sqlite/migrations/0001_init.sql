-- forthright SQLite schema, version 1.
--
-- Conventions shared with the PostgreSQL backend: timestamps are INTEGER unix
-- seconds (UTC), money is INTEGER minor units, enums are their lower-case text
-- form from forthright-core, lists (features, scope) are JSON text.
--
-- Imported data (customers, products, order_lines, shipments) carries no
-- foreign keys: the importer checks every reference before a file is written
-- (all-or-nothing), and a shipment refers to an order id, which is not a key of
-- its own in order_lines.

CREATE TABLE customers (
    id                TEXT    NOT NULL PRIMARY KEY,
    name              TEXT    NOT NULL,
    email             TEXT,
    phone             TEXT,
    timezone          TEXT    NOT NULL,
    preferred_channel TEXT,
    tier              TEXT    NOT NULL DEFAULT 'standard',
    do_not_contact    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE products (
    sku      TEXT    NOT NULL PRIMARY KEY,
    name     TEXT    NOT NULL,
    category TEXT    NOT NULL,
    price    INTEGER NOT NULL,
    stock    INTEGER NOT NULL,
    features TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
    status   TEXT    NOT NULL DEFAULT 'active'
) WITHOUT ROWID;

-- Substitutes are looked up by category (P8); category scopes join here.
CREATE INDEX products_category ON products (category);

-- One row per order line. The primary key also serves lookups by order id.
CREATE TABLE order_lines (
    order_id    TEXT    NOT NULL,
    sku         TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    quantity    INTEGER NOT NULL,
    unit_price  INTEGER NOT NULL,
    placed_at   INTEGER NOT NULL,
    promised_at INTEGER NOT NULL,
    paid        INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    PRIMARY KEY (order_id, sku)
) WITHOUT ROWID;

-- Impact analysis finds lines by product and by customer (P1).
CREATE INDEX order_lines_sku ON order_lines (sku);
CREATE INDEX order_lines_customer ON order_lines (customer_id);

-- The carrier ETA feed, one row per order.
CREATE TABLE shipments (
    order_id TEXT    NOT NULL PRIMARY KEY,
    carrier  TEXT    NOT NULL,
    eta      INTEGER NOT NULL,
    reason   TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE INDEX shipments_carrier ON shipments (carrier);

CREATE TABLE disruptions (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'open',
    scope         TEXT    NOT NULL, -- JSON object, forthright_core::Scope
    reason        TEXT    NOT NULL,
    new_date      INTEGER,
    amount        INTEGER,
    known_since   INTEGER NOT NULL,
    origin        TEXT    NOT NULL,
    detection_key TEXT
);

-- Detection is idempotent: at most one open disruption per detection key.
CREATE UNIQUE INDEX disruptions_open_detection_key
    ON disruptions (detection_key)
    WHERE state = 'open' AND detection_key IS NOT NULL;

-- One case per (disruption, customer).
CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    disruption_id INTEGER NOT NULL REFERENCES disruptions (id),
    customer_id   TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'detected',
    opened_at     INTEGER NOT NULL,
    UNIQUE (disruption_id, customer_id)
);

CREATE INDEX cases_customer ON cases (customer_id);

-- The order lines a case holds, as they were when they joined it.
CREATE TABLE case_lines (
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    order_id    TEXT    NOT NULL,
    sku         TEXT    NOT NULL,
    quantity    INTEGER NOT NULL,
    value       INTEGER NOT NULL,
    paid        INTEGER NOT NULL,
    promised_at INTEGER NOT NULL,
    expected_at INTEGER,
    PRIMARY KEY (case_id, order_id, sku)
) WITHOUT ROWID;

-- The audit trail of every case.
CREATE TABLE case_events (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at      INTEGER NOT NULL,
    kind    TEXT    NOT NULL,
    detail  TEXT    NOT NULL
);

CREATE INDEX case_events_case ON case_events (case_id, id);
