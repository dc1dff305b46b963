"""The server's PostgreSQL schema, versioned: `migrate(dsn)` brings any database up to date.

Each migration runs in its own transaction under an advisory lock, so two servers starting at
once (or `server init` twice) cannot apply one twice. The version table records what ran.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

GENESIS = "0" * 64
MIGRATION_LOCK = 0x5347_4442  # "SGDB"

MIGRATIONS: dict[int, str] = {
    1: f"""
    CREATE TABLE agents (
        agent_id text PRIMARY KEY,
        key_hash text NOT NULL,              -- sha256 of the agent's credential
        chain_key text NOT NULL,             -- hex; verifies the agent's row hashes
        host text NOT NULL,
        os_user text NOT NULL DEFAULT '',
        department text NOT NULL DEFAULT '',
        version text NOT NULL DEFAULT '',
        policy_version text NOT NULL DEFAULT '',   -- the agent's effective policy (hash)
        fleet_policy integer NOT NULL DEFAULT 0,   -- the server's pack version it applied
        enrolled timestamptz NOT NULL DEFAULT now(),
        last_seen timestamptz,
        pending integer NOT NULL DEFAULT 0,
        watched_folders jsonb NOT NULL DEFAULT '[]',
        alerts_available boolean,
        verdict_head_id bigint NOT NULL DEFAULT 0,
        verdict_head_hash text NOT NULL DEFAULT '{GENESIS}',
        event_head_id bigint NOT NULL DEFAULT 0,
        event_head_hash text NOT NULL DEFAULT '{GENESIS}',
        audit_cursor bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE verdicts (
        id bigserial PRIMARY KEY,
        agent_id text NOT NULL REFERENCES agents,
        row_id bigint NOT NULL,
        time text NOT NULL,
        host text NOT NULL,
        os_user text NOT NULL,
        path text NOT NULL,
        sha256 text,
        size bigint,
        media_type text,
        verdict text NOT NULL,
        categories text NOT NULL,             -- JSON list of id and score, as the agent sent it
        evidence text,                        -- the agent's masked evidence JSON, as sent
        evidence_hash text NOT NULL,
        error text,
        error_kind text,
        action text NOT NULL,
        mode text NOT NULL,
        scan_seconds double precision,
        thumbnail text,
        path_hash text,
        path_digest text,
        policy_version text,                  -- as the agent's row says (NULL before v3)
        prev_hash text NOT NULL,
        row_hash text NOT NULL,
        department text NOT NULL DEFAULT '',
        received timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agent_id, row_id)
    );
    CREATE INDEX verdicts_verdict_id ON verdicts (verdict, id DESC);
    CREATE INDEX verdicts_host ON verdicts (host, verdict, id DESC);
    CREATE INDEX verdicts_department ON verdicts (department, verdict, id DESC);
    CREATE INDEX verdicts_time ON verdicts (time);
    CREATE INDEX verdicts_sha ON verdicts (sha256);
    CREATE TABLE verdict_categories (
        category text NOT NULL,
        verdict_pk bigint NOT NULL REFERENCES verdicts ON DELETE CASCADE,
        score double precision NOT NULL,
        PRIMARY KEY (category, verdict_pk)
    );
    CREATE TABLE agent_events (
        id bigserial PRIMARY KEY,
        agent_id text NOT NULL REFERENCES agents,
        event_id bigint NOT NULL,
        time text NOT NULL,
        verdict_row_id bigint,
        kind text NOT NULL,
        actor text NOT NULL,
        data text NOT NULL,
        prev_hash text NOT NULL,
        row_hash text NOT NULL,
        received timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agent_id, event_id)
    );
    CREATE INDEX agent_events_row ON agent_events (agent_id, verdict_row_id);
    -- central triage: append-only actions, and the latest state per verdict
    CREATE TABLE triage_actions (
        id bigserial PRIMARY KEY,
        verdict_pk bigint NOT NULL REFERENCES verdicts,
        status text NOT NULL,
        reviewer text NOT NULL,
        note text,
        time timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE triage_state (
        verdict_pk bigint PRIMARY KEY REFERENCES verdicts,
        status text NOT NULL,
        reviewer text,
        note text,
        time timestamptz NOT NULL
    );
    CREATE INDEX triage_status ON triage_state (status);
    CREATE TABLE chain_breaks (
        id bigserial PRIMARY KEY,
        agent_id text NOT NULL REFERENCES agents,
        stream text NOT NULL,                 -- verdicts | events
        row_id bigint NOT NULL,
        kind text NOT NULL,                   -- gap | rewritten | altered | not_following
        detail text NOT NULL,
        time timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agent_id, stream, row_id, kind)
    );
    CREATE TABLE enroll_tokens (
        token_hash text PRIMARY KEY,
        url text NOT NULL,
        department text NOT NULL DEFAULT '',
        expires timestamptz NOT NULL,
        uses_left integer NOT NULL,
        created timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL DEFAULT ''
    );
    CREATE TABLE users (
        name text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('reviewer', 'admin')),
        password_hash text NOT NULL,
        created timestamptz NOT NULL DEFAULT now(),
        disabled boolean NOT NULL DEFAULT false
    );
    CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        username text NOT NULL REFERENCES users ON DELETE CASCADE,
        csrf text NOT NULL,
        expires timestamptz NOT NULL
    );
    CREATE TABLE policies (
        version integer PRIMARY KEY,
        body text NOT NULL,
        sha256 text NOT NULL,
        signature text NOT NULL,
        uploaded_by text NOT NULL,
        time timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE server_keys (
        name text PRIMARY KEY,               -- 'policy-signing'
        private_pem text NOT NULL,
        public_pem text NOT NULL
    );
    CREATE TABLE siem_cursors (
        name text PRIMARY KEY,
        last_pk bigint NOT NULL
    );
    """,
    # v2: the console list at a million rows (bench/fleet.py): the action menu from an index, and
    # per-day counts kept at ingest for the chart and the category totals
    2: """
    CREATE INDEX verdicts_action ON verdicts (action);
    CREATE TABLE verdict_daily (
        day text NOT NULL,
        category text NOT NULL,
        host text NOT NULL,
        department text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (day, category, host, department)
    );
    INSERT INTO verdict_daily (day, category, host, department, n)
        SELECT substr(v.time, 1, 10), c.category, v.host, v.department, count(*)
        FROM verdict_categories c JOIN verdicts v ON v.id = c.verdict_pk
        WHERE v.verdict = 'flagged'
        GROUP BY 1, 2, 3, 4;
    """,
    # v3: the console list at a million rows (bench/fleet.py): pages by keyset on (time, id)
    # with one index per common filter (replacing v1's id-ordered ones), the triage status on
    # the row (so "status = new" is an index range, not an anti-join), and per-day counts of
    # triaged rows kept by the console's `mark` (the chart under a status filter)
    3: """
    ALTER TABLE verdicts ADD COLUMN status text NOT NULL DEFAULT 'new';
    UPDATE verdicts v SET status = t.status FROM triage_state t
        WHERE t.verdict_pk = v.id AND t.status <> 'new';
    DROP INDEX verdicts_verdict_id;
    DROP INDEX verdicts_host;
    DROP INDEX verdicts_department;
    DROP INDEX verdicts_time;
    CREATE INDEX verdicts_page ON verdicts (time, id);
    CREATE INDEX verdicts_page_verdict ON verdicts (verdict, time, id);
    CREATE INDEX verdicts_page_host ON verdicts (host, verdict, time, id);
    CREATE INDEX verdicts_page_department ON verdicts (department, verdict, time, id);
    CREATE INDEX verdicts_page_status ON verdicts (status, verdict, time, id);
    CREATE INDEX agent_events_kind ON agent_events (kind, agent_id);
    CREATE TABLE verdict_daily_triaged (
        day text NOT NULL,
        category text NOT NULL,
        host text NOT NULL,
        department text NOT NULL,
        status text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (day, category, host, department, status)
    );
    INSERT INTO verdict_daily_triaged (day, category, host, department, status, n)
        SELECT substr(v.time, 1, 10), c.category, v.host, v.department, v.status, count(*)
        FROM verdict_categories c JOIN verdicts v ON v.id = c.verdict_pk
        WHERE v.verdict = 'flagged' AND v.status <> 'new'
        GROUP BY 1, 2, 3, 4, 5;
    """,
    # v4: the console's text search (a substring of the masked path) from a trigram index over
    # flagged rows only (what the list shows by default; a GIN entry per clean row doubled the
    # cost of an insert). Where pg_trgm cannot be installed (no contrib, no right to) the search
    # reads the rows instead.
    4: """
    DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        DROP INDEX IF EXISTS verdicts_path_trgm;
        CREATE INDEX verdicts_path_trgm ON verdicts USING gin (path gin_trgm_ops)
            WHERE verdict = 'flagged';
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE NOTICE 'pg_trgm is not available: the console text search reads the rows';
    END $$;
    """,
    # v5: the redacted thumbnails PCs forward when the office's policy says so
    # (`fleet.forward_thumbnails`), one per verdict row, checked by server/thumbnails.py before
    # they are stored; and each agent's thumbnail cursor (the row up to which it has offered
    # them), so a resend after a crash or a restored server doubles nothing and misses nothing
    5: """
    CREATE TABLE thumbnails (
        verdict_pk bigint PRIMARY KEY REFERENCES verdicts ON DELETE CASCADE,
        media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
        data bytea NOT NULL,
        sha256 text NOT NULL,
        size integer NOT NULL CHECK (size = octet_length(data) AND size <= 524288),
        width integer NOT NULL,
        height integer NOT NULL,
        created timestamptz NOT NULL DEFAULT now()
    );
    -- PNG and JPEG are compressed already: stored out of line without a second try
    ALTER TABLE thumbnails ALTER COLUMN data SET STORAGE EXTERNAL;
    ALTER TABLE agents ADD COLUMN thumbnail_cursor bigint NOT NULL DEFAULT 0;
    """,
    # v6: the console's text search at a million rows. A LIKE '%名单%' gives pg_trgm no trigram
    # (a word touching a wildcard is not padded), so a two-character Chinese text read every
    # flagged row: a GIN index of each flagged path's pairs of Chinese characters answers it
    # (`sg_cjk_bigrams`, the same pairs as `server.logstore.cjk_bigrams`). And the category rows
    # by verdict (their primary key leads with the category): the chart of a text search over
    # its matching rows, and `mark`'s per-day counts, no longer read every category row. The
    # index's second condition (a cheap regex: the function runs only where it finds pairs)
    # is stated only by the pair search, which keeps the planner from reading the whole index
    # as the list of flagged rows for other queries.
    6: """
    CREATE INDEX verdict_categories_verdict ON verdict_categories (verdict_pk);
    CREATE FUNCTION sg_cjk_bigrams(p text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $f$
            SELECT coalesce(array_agg(DISTINCT substr(r[1], i, 2)), '{}')
            FROM regexp_matches(p, '[一-鿿]{2,}', 'g') r,
                generate_series(1, char_length(r[1]) - 1) i
        $f$;
    CREATE INDEX verdicts_path_cjk2 ON verdicts USING gin (sg_cjk_bigrams(path))
        WHERE verdict = 'flagged' AND path ~ '[一-鿿]{2}';
    """,
}
LATEST = max(MIGRATIONS)


def connect(dsn: str, **kw: object) -> psycopg.Connection:
    return psycopg.connect(dsn, **kw)  # type: ignore[arg-type]


def current_version(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    (v,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()  # type: ignore[misc]
    return int(v)


def migrate(dsn: str, *, log: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Create or upgrade the schema; returns (version before, version after). Idempotent."""
    with connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())"
            )
            before = current_version(conn)
            if before > LATEST:
                raise RuntimeError(
                    f"database schema v{before} is newer than this shareguard (v{LATEST})"
                )
            for v in range(before + 1, LATEST + 1):
                with conn.transaction():
                    conn.execute(MIGRATIONS[v])  # type: ignore[arg-type]
                    conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (v,))
                if log:
                    log(f"schema v{v}")
            return before, LATEST
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


def require_schema(conn: psycopg.Connection) -> None:
    v = current_version(conn)
    if v != LATEST:
        raise RuntimeError(
            f"database schema is v{v}, this shareguard needs v{LATEST}:"
            " run `shareguard server init`"
        )
