-- 001: articles, what cleaning removed, actor mentions, events with their evidence, and the
-- cross-article event clusters. Applied once, in one transaction, by aliansi.store.migrate.
--
-- No primary key on the big tables: DuckDB keeps an ART index per key and checks it on every
-- insert, which halves loading speed; the loader guarantees uniqueness instead (one batch
-- deletes an article's old rows before it inserts the new ones, in the same transaction).
-- For the same reason `events` repeats nothing of its article: DuckDB's cost of storing a row
-- grows with each string in it, so the article's hash, language, URL, date and outlet come from
-- a join in the view `event_rows`.

CREATE TABLE articles (
    article_id     VARCHAR PRIMARY KEY,   -- the input's id (file stem or record id)
    article_hash   VARCHAR NOT NULL,      -- sha256 of the id and the raw input (text and metadata)
    coder_version  VARCHAR NOT NULL,      -- the aliansi version that coded it; a new one recodes
    source_file    VARCHAR,
    language       VARCHAR,
    date           DATE,                  -- a month or year precision date is stored as its first day
    date_precision VARCHAR,
    duplicate_of   VARCHAR,
    title          VARCHAR,
    url            VARCHAR,
    source         VARCHAR,
    wire           VARCHAR,
    published      VARCHAR,
    outlet         VARCHAR NOT NULL,      -- what NumSources counts: source, else URL host, else the id
    metadata       VARCHAR,               -- the whole metadata object as JSON text
    text           VARCHAR USING COMPRESSION zstd NOT NULL,  -- cleaned text; offsets index into it (*)
    ingested_at    TIMESTAMP NOT NULL
);
-- (*) zstd instead of DuckDB's own choice (FSST for strings): on 25,000 generated articles the text
-- took 5 MB instead of 19 MB and committed in a third of the time (bench/store_load.py).

CREATE TABLE removed_pieces (
    article_id VARCHAR NOT NULL,
    position   INTEGER NOT NULL,          -- order in the article's `removed` list
    text       VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL
);

CREATE TABLE actor_mentions (
    article_id  VARCHAR NOT NULL,
    actor_code  VARCHAR,               -- null: a name the recognizer found but could not resolve
    actor_name  VARCHAR,
    actor_kind  VARCHAR,
    agent       VARCHAR,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL
);

CREATE TABLE events (
    event_id          VARCHAR NOT NULL,   -- sha256 of article_hash, dyad, cameo and evidence start
    article_id        VARCHAR NOT NULL,
    ordinal           INTEGER NOT NULL,   -- position in the article's event list
    source_code       VARCHAR,
    source_agent      VARCHAR,
    source_name       VARCHAR,
    source_text       VARCHAR,
    target_code       VARCHAR,
    target_agent      VARCHAR,
    target_name       VARCHAR,
    target_text       VARCHAR,
    cameo             VARCHAR NOT NULL,
    root              VARCHAR NOT NULL,
    quad_class        INTEGER,
    goldstein         DOUBLE,
    plover_type       VARCHAR,
    plover_mode       VARCHAR,
    modality          VARCHAR,
    negated           BOOLEAN NOT NULL,
    date              DATE,
    date_precision    VARCHAR,
    attribution_code  VARCHAR,
    attribution_name  VARCHAR,
    attribution_text  VARCHAR,
    evidence_sentence VARCHAR,
    evidence_start    INTEGER,
    evidence_end      INTEGER,
    evidence_text     VARCHAR,
    confidence        DOUBLE,
    pattern           VARCHAR,
    -- derived at load time, for dedup, filters and exports
    event_day         DATE,               -- the day the event is placed on (load.EVENT_DAY)
    in_lead           BOOLEAN NOT NULL,   -- evidence starts in the lead paragraph (GDELT IsRootEvent)
    dedup_key         VARCHAR NOT NULL    -- events can only cluster within one key (see dedup.py)
);

-- One row per clustered event; cluster_id is the event_id of the cluster's earliest member.
CREATE TABLE event_clusters (
    event_id   VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL
);

-- Dedup keys whose events changed since they were last clustered (an ingest marks them in each
-- batch's transaction and reclusters them at its end). Until then their events count as their own
-- clusters, so a cluster whose first member was replaced never vanishes from a deduplicated view.
CREATE TABLE dedup_pending (
    dedup_key VARCHAR PRIMARY KEY
);

-- Every event with its article's columns, its cluster and the cluster's counts: what
-- Store.events and the exports read.
CREATE VIEW event_rows AS
WITH clustered AS (
    SELECT e.*, a.article_hash, a.language, a.url AS source_url, a.date AS article_date, a.outlet,
           a.source_file, a.ingested_at,
           CASE WHEN e.dedup_key IN (SELECT dedup_key FROM dedup_pending) THEN e.event_id
                ELSE coalesce(c.cluster_id, e.event_id) END AS cluster_id
    FROM events AS e
    JOIN articles AS a USING (article_id)
    LEFT JOIN event_clusters AS c USING (event_id)
), counts AS (
    SELECT cluster_id,
           count(*)                   AS num_mentions,
           count(DISTINCT article_id) AS num_articles,
           count(DISTINCT outlet)     AS num_sources
    FROM clustered
    GROUP BY cluster_id
)
SELECT clustered.*, counts.num_mentions, counts.num_articles, counts.num_sources
FROM clustered JOIN counts USING (cluster_id);
