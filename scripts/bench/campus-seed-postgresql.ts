// The campus year into PostgreSQL, before any server connects: the database builds every row
// itself (INSERT … SELECT over generate_series) from the plan's courses, sent once as arrays,
// with the SQL twins of campus-plan.ts's functions. For the bulk load the big tables' secondary
// indexes and foreign keys are dropped and re-created from their own definitions afterwards
// (re-adding a foreign key checks every row in one join), and the report-version triggers are
// disabled meanwhile; then ANALYZE, as autovacuum would have done during the year.
import pg from "pg";
import { SHORT_CODE_ALPHABET } from "../../lib/random";
import {
  CHECKIN_MINUTES, CODE_ROTATION_SECONDS, CODES_PER_SESSION, EXCUSE_REASONS, FAMILY_NAMES, GIVEN_NAMES, LATE_AFTER_MINUTES, LECTURER_BROWSER, PHONES, SESSION_MINUTES, TERM_LABEL, THRESHOLD_PERCENT, TRAIL_BASE, WEEKS,
  campusIdsSql, courseWords, drawSql, enrolmentSql, isWeakSql, markSql, staffIpSql, studentIpSql,
} from "./campus-plan";
import type { CampusSeedInput, Step } from "./campus-seed";

const BULK_TABLES = ["enrollments", "qr_sessions", "attendance_records", "audit_logs", "notifications", "low_attendance_alerts"];
const TRIGGER_TABLES = ["events", "enrollments", "attendance_records"];
/** courses per attendance statement (progress, and a bounded intermediate result) */
const COURSES_PER_CHUNK = 100;

const DAY = 86_400_000;
const MIN = 60_000;

/** A SQL string literal. */
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const textArray = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(",")}]::text[]`;
/** epoch ms (a BIGINT expression) → timestamp(3) without time zone, in UTC as Prisma stores it */
const ts = (ms: string) => `(TIMESTAMP 'epoch' + (${ms}) * INTERVAL '1 millisecond')`;
const json = (pairs: Record<string, string>) => `json_build_object(${Object.entries(pairs).map(([k, v]) => `${lit(k)}, ${v}`).join(", ")})::text`;

export async function seedCampusPostgresql(url: string, input: CampusSeedInput, step: Step): Promise<void> {
  const { plan, run, start, passwordHash } = input;
  const id = campusIdsSql(run);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  try {
    await q("SET synchronous_commit = off");
    await q("SET maintenance_work_mem = '1GB'");
    await q("SET work_mem = '256MB'");
    const indexes = (
      await q(
        `SELECT i.indexname AS name, i.tablename AS tbl, i.indexdef AS sql FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [BULK_TABLES],
      )
    ).rows as { name: string; tbl: string; sql: string }[];
    const foreignKeys = (
      await q(`SELECT c.conname AS name, t.relname AS tbl, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND t.relname = ANY($1)`, [BULK_TABLES])
    ).rows as { name: string; tbl: string; def: string }[];
    for (const f of foreignKeys) await q(`ALTER TABLE "${f.tbl}" DROP CONSTRAINT "${f.name}"`);
    for (const i of indexes) await q(`DROP INDEX "${i.name}"`);
    for (const t of TRIGGER_TABLES) await q(`ALTER TABLE "${t}" DISABLE TRIGGER USER`);

    // the plan's courses, as one temporary table
    const words = plan.courses.map(courseWords);
    const col = <T>(f: (i: number) => T) => plan.courses.map((_, i) => f(i));
    await q("CREATE TEMP TABLE campus_courses (c int PRIMARY KEY, seats int, first int, e0 bigint, instructor int, weekday int, hour int, code text, title text, room text)");
    await q(
      "INSERT INTO campus_courses SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::bigint[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])",
      [col((i) => i), col((i) => plan.courses[i]!.seats), col((i) => plan.courses[i]!.first), col((i) => plan.courses[i]!.enrolmentOffset), col((i) => plan.courses[i]!.instructor), col((i) => plan.courses[i]!.weekday), col((i) => plan.courses[i]!.hour), col((i) => words[i]!.code), col((i) => words[i]!.title), col((i) => words[i]!.room)],
    );
    const S = plan.students;
    const STAFF = plan.staff;
    const lecturer = (instructor: string) => id.user(`1 + ${instructor}`);
    const studentUser = (s: string) => id.user(`${1 + STAFF} + ${s}`);
    const emailOf = (p: string) => `(CASE WHEN ${p} = 0 THEN 'admin' WHEN ${p} <= ${STAFF} THEN 'lecturer' || ${p} ELSE 'student' || (${p} - ${STAFF + 1}) END || '@campus.bench.rollcall.test')`;
    const given = (p: string) => `(${textArray(GIVEN_NAMES)})[1 + (${p}) % ${GIVEN_NAMES.length}]`;
    const family = (p: string) => `(${textArray(FAMILY_NAMES)})[1 + ((${p}) / ${GIVEN_NAMES.length}) % ${FAMILY_NAMES.length}]`;
    const device = (s: string) => `md5('${run}:device:' || ${s})`;
    const sessionAt = (w: string) => `${start}::bigint + CAST(${w} AS BIGINT) * ${7 * DAY} + weekday * ${DAY} + hour * 3600000`;
    const created = `${start - 20 * DAY}::bigint`;

    await step("users (admin, lecturers, students) and their phones", async () => {
      const joined = ts(`${start - 30 * DAY}::bigint`);
      await q(
        `INSERT INTO users (id, email, password_hash, full_name, role, status, created_at, updated_at, email_verified_at, must_change_password)
         SELECT ${id.user("p")}, ${emailOf("p")}, $1, ${given("p")} || ' ' || ${family("p")},
                (CASE WHEN p = 0 THEN 'admin' WHEN p <= ${STAFF} THEN 'instructor' ELSE 'student' END)::"Role", 'active', ${joined}, ${joined}, ${joined}, false
         FROM generate_series(0, ${STAFF + S}) p`,
        [passwordHash],
      );
      await q(
        `INSERT INTO devices (id, first_seen_at, last_seen_at, user_agent)
         SELECT ${device("s")}, ${ts(`${start - 3 * DAY}::bigint`)}, ${ts(`${start + (WEEKS - 1) * 7 * DAY}::bigint`)}, (${textArray(PHONES)})[1 + s % ${PHONES.length}]
         FROM generate_series(0, ${S - 1}) s`,
      );
    });

    await step("courses, their lecturers and sessions, the projected codes", async () => {
      await q(
        `INSERT INTO courses (id, code, title, term_label, threshold_percent, created_by_id, created_at, updated_at, warn_after_sessions, warn_grace_hours)
         SELECT ${id.course("c")}, code, title, ${lit(TERM_LABEL)}, ${THRESHOLD_PERCENT}, ${lecturer("instructor")}, ${ts(created)}, ${ts(created)}, 3, 24 FROM campus_courses ORDER BY c`,
      );
      await q(`INSERT INTO course_instructors (course_id, user_id, role, added_at) SELECT ${id.course("c")}, ${lecturer("instructor")}, 'instructor', ${ts(created)} FROM campus_courses`);
      await q(
        `INSERT INTO audit_logs (id, created_at, actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details)
         SELECT ${id.audit(`${TRAIL_BASE.course} + c * 3 + k`)}, ${ts(`${created} + (CASE k WHEN 0 THEN 0 WHEN 1 THEN 10 ELSE 13 END) * ${DAY}::bigint`)}, ${lecturer("instructor")},
                (ARRAY['course_created', 'sessions_created', 'roster_imported'])[k + 1], 'course', ${id.course("c")}, ${staffIpSql("instructor")}, ${lit(LECTURER_BROWSER)}, NULL,
                CASE k WHEN 0 THEN ${json({ code: "code", term_label: lit(TERM_LABEL) })} WHEN 1 THEN ${json({ count: String(WEEKS), time_zone: "'UTC'" })}
                       ELSE ${json({ mode: "'add'", added: "seats", updated: "0", dropped: "0", invalid: "0" })} END
         FROM campus_courses CROSS JOIN generate_series(0, 2) k ORDER BY c, k`,
      );
      await q(
        `INSERT INTO events (id, title, location, starts_at, ends_at, late_after_minutes, checkin_opened_at, checkin_closed_at, created_by_id, created_at, updated_at, course_id, low_attendance_checked_at)
         SELECT ${id.event("c", "w")}, code || ' week ' || (w + 1), room, ${ts(sessionAt("w"))}, ${ts(`${sessionAt("w")} + ${SESSION_MINUTES * MIN}`)}, ${LATE_AFTER_MINUTES},
                ${ts(sessionAt("w"))}, ${ts(`${sessionAt("w")} + ${CHECKIN_MINUTES * MIN}`)}, ${lecturer("instructor")}, ${ts(`${created} + ${10 * DAY}`)},
                ${ts(`${sessionAt("w")} + ${CHECKIN_MINUTES * MIN}`)}, ${id.course("c")}, ${ts(`${sessionAt("w")} + ${SESSION_MINUTES * MIN + DAY + 10 * MIN}`)}
         FROM campus_courses CROSS JOIN generate_series(0, ${WEEKS - 1}) w ORDER BY c, w`,
      );
      await q(
        `INSERT INTO audit_logs (id, created_at, actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details)
         SELECT ${id.audit(`${TRAIL_BASE.session} + (c * 32 + w) * 2 + k`)}, ${ts(`${sessionAt("w")} + k * ${CHECKIN_MINUTES * MIN}`)}, ${lecturer("instructor")},
                CASE k WHEN 0 THEN 'checkin_started' ELSE 'checkin_stopped' END, 'event', ${id.event("c", "w")}, ${staffIpSql("instructor")}, ${lit(LECTURER_BROWSER)}, NULL,
                CASE k WHEN 0 THEN '{}' ELSE ${json({ codes_revoked: "2" })} END
         FROM campus_courses CROSS JOIN generate_series(0, ${WEEKS - 1}) w CROSS JOIN generate_series(0, 1) k ORDER BY c, w, k`,
      );
      const issued = `${sessionAt("w")} + q * ${CODE_ROTATION_SECONDS * 1000}`;
      const closed = `${sessionAt("w")} + ${CHECKIN_MINUTES * MIN}`;
      const shortCode = Array.from({ length: 6 }, (_, k) => `substr(${lit(SHORT_CODE_ALPHABET)}, 1 + CAST(${drawSql("c * 32 + w", "q", String(k))} % ${SHORT_CODE_ALPHABET.length} AS INT), 1)`).join(" || ");
      await q(
        `INSERT INTO qr_sessions (id, event_id, nonce, short_code, issued_at, expires_at, revoked_at, created_by_id)
         SELECT ${id.qr("c", "w", "q")}, ${id.event("c", "w")}, rtrim(translate(encode(decode(md5('${run}:qr:' || ${id.qr("c", "w", "q")}), 'hex'), 'base64'), '+/', '-_'), '='),
                ${shortCode}, ${ts(issued)}, ${ts(`${issued} + 60000`)}, CASE WHEN ${issued} + 60000 > ${closed} THEN ${ts(closed)} END, ${lecturer("instructor")}
         FROM campus_courses CROSS JOIN generate_series(0, ${WEEKS - 1}) w CROSS JOIN generate_series(0, ${CODES_PER_SESSION - 1}) q ORDER BY c, w, q`,
      );
      await q(
        `INSERT INTO audit_logs (id, created_at, actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details)
         SELECT ${id.audit(`${TRAIL_BASE.code}::bigint + (c * 32 + w) * 32 + q`)}, ${ts(issued)}, ${lecturer("instructor")}, 'qr_issued', 'qr_session', ${id.qr("c", "w", "q")},
                ${staffIpSql("instructor")}, ${lit(LECTURER_BROWSER)}, NULL, ${json({ event_id: id.event("c", "w") })}
         FROM campus_courses CROSS JOIN generate_series(0, ${WEEKS - 1}) w CROSS JOIN generate_series(0, ${CODES_PER_SESSION - 1}) q ORDER BY c, w, q`,
      );
    });

    await step("enrolments, with joins and drops", async () => {
      // one row per seat, with what campus-plan.ts's enrolment() decides (u) and the course's slot
      const en = enrolmentSql("u", "c");
      await q(
        `CREATE TEMP TABLE campus_enrolments AS
         SELECT x.*, ${en.firstWeek} AS first_week, ${en.lastWeek} AS last_week, ${en.joined} AS joined, ${en.dropped} AS dropped, ${isWeakSql("s")} AS weak
         FROM (SELECT cc.c, cc.e0 + k AS e, (cc.first + k) % ${S} AS s, ${drawSql(`(cc.first + k) % ${S}`, "cc.c", "2")} AS u, cc.weekday, cc.hour, cc.instructor, cc.code, cc.title
               FROM campus_courses cc CROSS JOIN generate_series(0, cc.seats - 1) k OFFSET 0) x
         ORDER BY e`,
      );
      const p = `${1 + STAFF} + s`;
      const enrolledAt = `CASE WHEN joined THEN ${sessionAt("first_week")} - ${2 * DAY} ELSE ${start - 7 * DAY}::bigint END`;
      const droppedAt = `${sessionAt("last_week")} + ${3 * DAY}`;
      await q(
        `INSERT INTO enrollments (id, course_id, email, full_name, given_name, family_name, student_number, user_id, source, enrolled_at, dropped_at, updated_at)
         SELECT ${id.enrolment("e")}, ${id.course("c")}, ${emailOf(p)}, ${given(p)} || ' ' || ${family(p)}, CASE WHEN NOT joined THEN ${given(p)} END, CASE WHEN NOT joined THEN ${family(p)} END,
                'S' || lpad(s::text, 6, '0'), ${studentUser("s")}, (CASE WHEN joined THEN 'join_code' ELSE 'import' END)::"EnrollmentSource", ${ts(enrolledAt)},
                CASE WHEN dropped THEN ${ts(droppedAt)} END, ${ts(`CASE WHEN dropped THEN ${droppedAt} ELSE ${enrolledAt} END`)}
         FROM campus_enrolments ORDER BY e`,
      );
      await q(
        `INSERT INTO audit_logs (id, created_at, actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details)
         SELECT ${id.audit(`${TRAIL_BASE.join}::bigint + e`)}, ${ts(enrolledAt)}, ${studentUser("s")}, 'enrollment_added', 'course', ${id.course("c")}, ${studentIpSql("s")},
                (${textArray(PHONES)})[1 + s % ${PHONES.length}], ${device("s")}, ${json({ enrollment_id: id.enrolment("e"), email: emailOf(p), via: "'join_code'" })}
         FROM campus_enrolments WHERE joined
         UNION ALL
         SELECT ${id.audit(`${TRAIL_BASE.drop}::bigint + e`)}, ${ts(droppedAt)}, ${lecturer("instructor")}, 'enrollment_dropped', 'course', ${id.course("c")}, ${staffIpSql("instructor")},
                ${lit(LECTURER_BROWSER)}, NULL, ${json({ enrollment_id: id.enrolment("e"), email: emailOf(p) })}
         FROM campus_enrolments WHERE dropped`,
      );
    });

    await step("attendance (a year of marks), excuses' trail, low-attendance warnings", async () => {
      const m = markSql("r", "weak");
      const at = `${sessionAt("w")} + CAST(${m.offsetSeconds} AS BIGINT) * 1000`;
      const title = `code || ' week ' || (w + 1)`;
      const reason = `(${textArray(EXCUSE_REASONS)})[1 + ${m.reason}]`;
      for (let lo = 0; lo < plan.courses.length; lo += COURSES_PER_CHUNK) {
        const hi = Math.min(plan.courses.length, lo + COURSES_PER_CHUNK) - 1;
        // the draw r once per (enrolment, week) (OFFSET 0 keeps it from being inlined into every use)
        await q(
          `WITH x AS (
             SELECT en.*, w, ${drawSql("en.s", "en.c", "w + 3")} AS r
             FROM campus_enrolments en CROSS JOIN LATERAL generate_series(en.first_week, en.last_week) w
             WHERE en.c BETWEEN ${lo} AND ${hi} OFFSET 0
           ),
           marks AS (SELECT x.*, ${m.excused} AS excused FROM x WHERE ${m.attends}),
           excuses AS (
             INSERT INTO audit_logs (id, created_at, actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details)
             SELECT ${id.audit(`${TRAIL_BASE.excuse}::bigint + e * 32 + w`)}, ${ts(at)}, ${lecturer("instructor")}, 'attendance_manual', 'event', ${id.event("c", "w")},
                    ${staffIpSql("instructor")}, ${lit(LECTURER_BROWSER)}, NULL,
                    ${json({ user_id: studentUser("s"), enrollment_id: id.enrolment("e"), status: "'excused'", reason, record_id: id.mark("e", "w") })}
             FROM marks WHERE excused
           ),
           told AS (
             INSERT INTO notifications (id, user_id, type, title, body, link, read_at, created_at)
             SELECT ${id.notification(`${TRAIL_BASE.excuse}::bigint + e * 32 + w`)}, ${studentUser("s")}, 'attendance_marked', 'Excused · ' || ${title}, ${reason}, '/home',
                    CASE WHEN ${drawSql("s", "w", "9")} < 7000 THEN ${ts(`${at} + ${DAY}`)} END, ${ts(at)}
             FROM marks WHERE excused
           )
           INSERT INTO attendance_records (id, user_id, event_id, marked_at, status, method, qr_session_id, device_id, ip_address, marked_by_id, reason)
           SELECT ${id.mark("e", "w")}, ${studentUser("s")}, ${id.event("c", "w")}, ${ts(at)}, ${m.status}::"AttendanceStatus", ${m.method}::"AttendanceMethod",
                  CASE WHEN NOT excused THEN ${id.qr("c", "w", m.code)} END, CASE WHEN NOT excused THEN ${device("s")} END,
                  CASE WHEN excused THEN ${staffIpSql("instructor")} ELSE ${studentIpSql("s")} END, CASE WHEN excused THEN ${lecturer("instructor")} END, CASE WHEN excused THEN ${reason} END
           FROM marks`,
        );
      }
      const warnedAt = `${sessionAt("3")} + ${SESSION_MINUTES * MIN + DAY}`;
      const rate = `(5500 + ${drawSql("s", "c", "40")} % 1500) / 10000.0`;
      await q(
        `WITH warned AS (SELECT * FROM campus_enrolments WHERE weak AND NOT dropped),
         told AS (
           INSERT INTO notifications (id, user_id, type, title, body, link, read_at, created_at)
           SELECT ${id.notification(`${TRAIL_BASE.warning}::bigint + e`)}, ${studentUser("s")}, 'low_attendance', 'Your attendance in ' || code || ' is ' || round(${rate} * 100) || ' %',
                  title || ' requires ${THRESHOLD_PERCENT} %. Talk to your instructor if something keeps you from coming.', '/home', NULL, ${ts(warnedAt)}
           FROM warned
         ),
         audited AS (
           INSERT INTO audit_logs (id, created_at, actor_id, action, target_type, target_id, ip_address, user_agent, device_id, details)
           SELECT ${id.audit(`${TRAIL_BASE.warning}::bigint + e`)}, ${ts(warnedAt)}, NULL, 'low_attendance_warned', 'course', ${id.course("c")}, NULL, NULL, NULL,
                  ${json({ user_id: studentUser("s"), rate, threshold_percent: String(THRESHOLD_PERCENT) })}
           FROM warned
         )
         INSERT INTO low_attendance_alerts (id, course_id, user_id, rate, created_at, digested_at, open)
         SELECT ${id.alert("e")}, ${id.course("c")}, ${studentUser("s")}, ${rate}, ${ts(warnedAt)}, ${ts(`${warnedAt} + ${8 * 3_600_000}`)}, true FROM warned`,
      );
    });

    for (const table of BULK_TABLES) {
      const mine = indexes.filter((i) => i.tbl === table);
      const keys = foreignKeys.filter((f) => f.tbl === table);
      await step(`indexes (${mine.length}) and foreign keys (${keys.length}, every row checked) of ${table}`, async () => {
        for (const i of mine) await q(i.sql);
        for (const f of keys) await q(`ALTER TABLE "${f.tbl}" ADD CONSTRAINT "${f.name}" ${f.def}`);
      });
    }
    for (const t of TRIGGER_TABLES) await q(`ALTER TABLE "${t}" ENABLE TRIGGER USER`);
    await step("ANALYZE", () => q("ANALYZE"));
  } finally {
    await client.end();
  }
}
