"""The central review server for an office: agents forward their chained logs to PostgreSQL,
security staff review every PC in one console, policy comes from the centre, SIEM export.

Modules: `db` (schema and migrations), `tls` (the server's own CA), `auth` (enrolment tokens,
agent credentials, console users), `ingest` (chain-checked, idempotent row intake), `logstore`
(the console's reading side), `app` (HTTPS API + console), `siem` (CEF/syslog, JSON Lines),
`policy` (signed policy packs), `cli` (`shareguard server ...`).
"""
