-- The operations quick reference's names over Rollcall's SQLite tables, for one sqlite3 session:
--   sqlite3 -cmd ".read scripts/sql/quick-reference.sqlite.sql" data/rollcall.db
-- TEMP views, so nothing is written to the database file: SQLite looks up an unqualified name in
-- `temp` before `main`, so `users` below shadows the table `users` for this session only.
-- Times: Rollcall stores ISO-8601 text ("2026-12-06T09:00:00.000+00:00"); the views give them in
-- SQLite's own form ("2026-12-06 09:00:00.000", UTC), so `x > datetime('now', '-1 hour')` is right.
-- `is_active` / `is_revoked` are 1 or 0. A request still marked pending whose time ran out reads
-- as 'expired', as the admin panel shows it. Views are read-only: decide approvals with
-- `npm run approvals` (docs/operations.md).
CREATE TEMP VIEW IF NOT EXISTS users AS
SELECT id, email, password_hash, full_name, role, status,
       CASE WHEN status = 'active' THEN 1 ELSE 0 END AS is_active,
       strftime('%Y-%m-%d %H:%M:%f', last_login_at) AS last_login_at,
       strftime('%Y-%m-%d %H:%M:%f', created_at) AS created_at,
       strftime('%Y-%m-%d %H:%M:%f', updated_at) AS updated_at,
       strftime('%Y-%m-%d %H:%M:%f', email_verified_at) AS email_verified_at,
       must_change_password
FROM main.users;

CREATE TEMP VIEW IF NOT EXISTS approval_requests AS
SELECT id, user_id,
       CASE WHEN status = 'pending' AND strftime('%Y-%m-%d %H:%M:%f', expires_at) <= strftime('%Y-%m-%d %H:%M:%f', 'now') THEN 'expired' ELSE status END AS status,
       strftime('%Y-%m-%d %H:%M:%f', requested_at) AS requested_at,
       strftime('%Y-%m-%d %H:%M:%f', expires_at) AS expires_at,
       strftime('%Y-%m-%d %H:%M:%f', decided_at) AS decided_at,
       decided_by_id, approved_role, reason, course_id,
       strftime('%Y-%m-%d %H:%M:%f', announced_at) AS announced_at
FROM main.approval_requests;

CREATE TEMP VIEW IF NOT EXISTS events AS
SELECT id, title, description, location,
       strftime('%Y-%m-%d %H:%M:%f', starts_at) AS starts_at,
       strftime('%Y-%m-%d %H:%M:%f', ends_at) AS ends_at,
       late_after_minutes,
       strftime('%Y-%m-%d %H:%M:%f', archived_at) AS archived_at,
       strftime('%Y-%m-%d %H:%M:%f', checkin_opened_at) AS checkin_opened_at,
       strftime('%Y-%m-%d %H:%M:%f', checkin_closed_at) AS checkin_closed_at,
       block_shared_devices, allowed_cidrs, geofence_lat, geofence_lng, geofence_radius_m, created_by_id,
       strftime('%Y-%m-%d %H:%M:%f', created_at) AS created_at,
       strftime('%Y-%m-%d %H:%M:%f', updated_at) AS updated_at,
       course_id,
       strftime('%Y-%m-%d %H:%M:%f', low_attendance_checked_at) AS low_attendance_checked_at
FROM main.events;

CREATE TEMP VIEW IF NOT EXISTS qr_sessions AS
SELECT id, event_id, nonce, short_code,
       strftime('%Y-%m-%d %H:%M:%f', issued_at) AS issued_at,
       strftime('%Y-%m-%d %H:%M:%f', expires_at) AS expires_at,
       strftime('%Y-%m-%d %H:%M:%f', revoked_at) AS revoked_at,
       CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END AS is_revoked,
       created_by_id, key_id
FROM main.qr_sessions;

CREATE TEMP VIEW IF NOT EXISTS attendance_records AS
SELECT id, user_id, event_id,
       strftime('%Y-%m-%d %H:%M:%f', marked_at) AS marked_at,
       status, method, qr_session_id, device_id, device_flag, ip_address, marked_by_id, reason, enrollment_id
FROM main.attendance_records;

CREATE TEMP VIEW IF NOT EXISTS audit_logs AS
SELECT id,
       strftime('%Y-%m-%d %H:%M:%f', created_at) AS created_at,
       actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details
FROM main.audit_logs;
