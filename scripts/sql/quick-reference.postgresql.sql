-- The operations quick reference's names over Rollcall's PostgreSQL tables, for one psql session:
--   PSQLRC=scripts/sql/quick-reference.postgresql.sql psql "$DATABASE_URL"
-- TEMP views, so nothing is written to the database: PostgreSQL looks up an unqualified name in
-- the session's temporary schema first, so `users` below shadows public.users for this session only.
-- Times: Rollcall stores UTC in `timestamp` columns; the views give `timestamptz`, so
-- `x > now() - interval '1 hour'` is right whatever the session's TimeZone.
-- `is_active` / `is_revoked` are 1 or 0 (integers, as the quick reference compares them). A request
-- still marked pending whose time ran out reads as 'expired', as the admin panel shows it.
-- Views are read-only: decide approvals with `npm run approvals` (docs/operations.md).
CREATE OR REPLACE TEMP VIEW users AS
SELECT id, email, password_hash, full_name, role::text AS role, status::text AS status,
       CASE WHEN status = 'active' THEN 1 ELSE 0 END AS is_active,
       last_login_at AT TIME ZONE 'UTC' AS last_login_at,
       created_at AT TIME ZONE 'UTC' AS created_at,
       updated_at AT TIME ZONE 'UTC' AS updated_at,
       email_verified_at AT TIME ZONE 'UTC' AS email_verified_at,
       must_change_password
FROM public.users;

CREATE OR REPLACE TEMP VIEW approval_requests AS
SELECT id, user_id,
       CASE WHEN status = 'pending' AND expires_at AT TIME ZONE 'UTC' <= now() THEN 'expired' ELSE status::text END AS status,
       requested_at AT TIME ZONE 'UTC' AS requested_at,
       expires_at AT TIME ZONE 'UTC' AS expires_at,
       decided_at AT TIME ZONE 'UTC' AS decided_at,
       decided_by_id, approved_role::text AS approved_role, reason, course_id,
       announced_at AT TIME ZONE 'UTC' AS announced_at
FROM public.approval_requests;

CREATE OR REPLACE TEMP VIEW events AS
SELECT id, title, description, location,
       starts_at AT TIME ZONE 'UTC' AS starts_at,
       ends_at AT TIME ZONE 'UTC' AS ends_at,
       late_after_minutes,
       archived_at AT TIME ZONE 'UTC' AS archived_at,
       checkin_opened_at AT TIME ZONE 'UTC' AS checkin_opened_at,
       checkin_closed_at AT TIME ZONE 'UTC' AS checkin_closed_at,
       block_shared_devices, allowed_cidrs, geofence_lat, geofence_lng, geofence_radius_m, created_by_id,
       created_at AT TIME ZONE 'UTC' AS created_at,
       updated_at AT TIME ZONE 'UTC' AS updated_at,
       course_id,
       low_attendance_checked_at AT TIME ZONE 'UTC' AS low_attendance_checked_at
FROM public.events;

CREATE OR REPLACE TEMP VIEW qr_sessions AS
SELECT id, event_id, nonce, short_code,
       issued_at AT TIME ZONE 'UTC' AS issued_at,
       expires_at AT TIME ZONE 'UTC' AS expires_at,
       revoked_at AT TIME ZONE 'UTC' AS revoked_at,
       CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END AS is_revoked,
       created_by_id, key_id
FROM public.qr_sessions;

CREATE OR REPLACE TEMP VIEW attendance_records AS
SELECT id, user_id, event_id,
       marked_at AT TIME ZONE 'UTC' AS marked_at,
       status::text AS status, method::text AS method, qr_session_id, device_id, device_flag, ip_address, marked_by_id, reason, enrollment_id
FROM public.attendance_records;

CREATE OR REPLACE TEMP VIEW audit_logs AS
SELECT id,
       created_at AT TIME ZONE 'UTC' AS created_at,
       actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details
FROM public.audit_logs;
