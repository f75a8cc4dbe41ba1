// The campus year into a SQLite file, before any server opens it: better-sqlite3 prepared
// multi-row INSERTs inside one transaction per table, rows built from campus-plan.ts. For the
// bulk load only: no rollback journal, no fsync, a 1 GiB page cache; the big tables' secondary
// indexes and the report-version triggers are dropped first and re-created from their own
// definitions afterwards (one sort per index instead of 17 M random inserts). Foreign keys stay
// enforced on every row. Leaves the file in WAL mode, as the app opens it.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { SHORT_CODE_ALPHABET } from "../../lib/random";
import {
  CHECKIN_MINUTES, CODE_ROTATION_SECONDS, CODES_PER_SESSION, EXCUSE_REASONS, LATE_AFTER_MINUTES, LECTURER_BROWSER, PHONES, SESSION_MINUTES, TERM_LABEL, THRESHOLD_PERCENT, TRAIL_BASE, WEEKS,
  campusEmail, campusIds, courseWords, draw, enrolment, isWeak, mark, personName, sessionStart, staffIp, studentIp, type PlannedCourse,
} from "./campus-plan";
import type { CampusSeedInput, Step } from "./campus-seed";

/** Tables loaded in bulk: their secondary indexes are built after the load. */
const BULK_TABLES = ["enrollments", "qr_sessions", "attendance_records", "audit_logs", "notifications"];
/** Tables whose triggers bump course_report_versions (the courses trigger that creates the row stays). */
const TRIGGER_TABLES = ["events", "enrollments", "attendance_records"];

const DAY = 86_400_000;
const MIN = 60_000;
/** Prisma's SQLite adapter stores DateTime as ISO 8601 with "+00:00" */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Multi-row INSERTs of up to ~30,000 parameters each. */
function inserter(db: Database.Database, table: string, columns: string[]) {
  const perStatement = Math.min(500, Math.floor(30_000 / columns.length));
  const tuple = `(${columns.map(() => "?").join(",")})`;
  const sql = (rows: number) => `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array(rows).fill(tuple).join(",")}`;
  const full = db.prepare(sql(perStatement));
  let values: unknown[] = [];
  let rows = 0;
  let total = 0;
  return {
    add(...row: unknown[]) {
      values.push(...row);
      total++;
      if (++rows === perStatement) {
        full.run(values);
        values = [];
        rows = 0;
      }
    },
    finish(): number {
      if (rows > 0) db.prepare(sql(rows)).run(values);
      values = [];
      rows = 0;
      return total;
    },
  };
}

export async function seedCampusSqlite(file: string, input: CampusSeedInput, step: Step): Promise<void> {
  const { plan, run, start, passwordHash } = input;
  const ids = campusIds(run);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("cache_size = -1048576");
    db.pragma("threads = 2"); // helper threads for the index builds' sorts
    db.pragma("foreign_keys = ON");
    const inList = (names: string[]) => names.map((n) => `'${n}'`).join(",");
    const saved = db
      .prepare(`SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN (${inList(BULK_TABLES)})) OR (type = 'trigger' AND tbl_name IN (${inList(TRIGGER_TABLES)})))`)
      .all() as { type: "index" | "trigger"; name: string; tbl: string; sql: string }[];
    for (const s of saved) db.exec(`DROP ${s.type.toUpperCase()} "${s.name}"`);
    const inTransaction = <T>(fn: () => T) => db.transaction(fn)();

    const device = (s: number) => createHash("md5").update(`${run}:device:${s}`).digest("hex");
    const student = (s: number) => 1 + plan.staff + s; // person number
    const lecturer = (c: PlannedCourse) => ids.user(1 + c.instructor);
    const email = (person: number) => campusEmail(person, plan.staff);
    const fullName = (person: number) => {
      const n = personName(person);
      return `${n.given} ${n.family}`;
    };
    const words = plan.courses.map(courseWords);
    const audit = inserter(db, "audit_logs", ["id", "created_at", "actor_id", "action", "target_type", "target_id", "ip_address", "user_agent", "device_id", "details"]);
    const notify = inserter(db, "notifications", ["id", "user_id", "type", "title", "body", "link", "read_at", "created_at"]);

    await step("users (admin, lecturers, students) and their phones", () =>
      inTransaction(() => {
        const users = inserter(db, "users", ["id", "email", "password_hash", "full_name", "role", "status", "created_at", "updated_at", "email_verified_at", "must_change_password"]);
        const joined = iso(start - 30 * DAY);
        const people = 1 + plan.staff + plan.students;
        for (let p = 0; p < people; p++) users.add(ids.user(p), email(p), passwordHash, fullName(p), p === 0 ? "admin" : p <= plan.staff ? "instructor" : "student", "active", joined, joined, joined, 0);
        const devices = inserter(db, "devices", ["id", "first_seen_at", "last_seen_at", "user_agent"]);
        for (let s = 0; s < plan.students; s++) devices.add(device(s), iso(start - 3 * DAY), iso(start + (WEEKS - 1) * 7 * DAY), PHONES[s % PHONES.length]);
        devices.finish();
        return users.finish();
      }),
    );

    await step("courses, their lecturers and sessions, the projected codes", () =>
      inTransaction(() => {
        const courses = inserter(db, "courses", ["id", "code", "title", "term_label", "threshold_percent", "created_by_id", "created_at", "updated_at", "warn_after_sessions", "warn_grace_hours"]);
        const staff = inserter(db, "course_instructors", ["course_id", "user_id", "role", "added_at"]);
        const events = inserter(db, "events", ["id", "title", "location", "starts_at", "ends_at", "late_after_minutes", "checkin_opened_at", "checkin_closed_at", "created_by_id", "created_at", "updated_at", "course_id", "low_attendance_checked_at"]);
        const codes = inserter(db, "qr_sessions", ["id", "event_id", "nonce", "short_code", "issued_at", "expires_at", "revoked_at", "created_by_id"]);
        for (const c of plan.courses) {
          const w = words[c.index]!;
          const id = ids.course(c.index);
          const by = lecturer(c);
          const created = start - 20 * DAY;
          courses.add(id, w.code, w.title, TERM_LABEL, THRESHOLD_PERCENT, by, iso(created), iso(created), 3, 24);
          staff.add(id, by, "instructor", iso(created));
          audit.add(ids.audit(TRAIL_BASE.course + c.index * 3), iso(created), by, "course_created", "course", id, staffIp(c.instructor), LECTURER_BROWSER, null, JSON.stringify({ code: w.code, term_label: TERM_LABEL }));
          audit.add(ids.audit(TRAIL_BASE.course + c.index * 3 + 1), iso(created + 10 * DAY), by, "sessions_created", "course", id, staffIp(c.instructor), LECTURER_BROWSER, null, JSON.stringify({ count: WEEKS, time_zone: "UTC" }));
          audit.add(ids.audit(TRAIL_BASE.course + c.index * 3 + 2), iso(created + 13 * DAY), by, "roster_imported", "course", id, staffIp(c.instructor), LECTURER_BROWSER, null, JSON.stringify({ mode: "add", added: c.seats, updated: 0, dropped: 0, invalid: 0 }));
        }
        // each table's rows are flushed before its children's: foreign keys are checked on every row
        courses.finish();
        staff.finish();
        for (const c of plan.courses) {
          const w = words[c.index]!;
          const id = ids.course(c.index);
          const by = lecturer(c);
          const created = start - 20 * DAY;
          for (let wk = 0; wk < WEEKS; wk++) {
            const at = sessionStart(start, c, wk);
            const closed = at + CHECKIN_MINUTES * MIN;
            const eventId = ids.event(c.index, wk);
            const n = c.index * 32 + wk;
            events.add(eventId, `${w.code} week ${wk + 1}`, w.room, iso(at), iso(at + SESSION_MINUTES * MIN), LATE_AFTER_MINUTES, iso(at), iso(closed), by, iso(created + 10 * DAY), iso(closed), id, iso(at + SESSION_MINUTES * MIN + DAY + 10 * MIN));
            audit.add(ids.audit(TRAIL_BASE.session + n * 2), iso(at), by, "checkin_started", "event", eventId, staffIp(c.instructor), LECTURER_BROWSER, null, "{}");
            audit.add(ids.audit(TRAIL_BASE.session + n * 2 + 1), iso(closed), by, "checkin_stopped", "event", eventId, staffIp(c.instructor), LECTURER_BROWSER, null, JSON.stringify({ codes_revoked: 2 }));
          }
        }
        events.finish();
        for (const c of plan.courses) {
          const by = lecturer(c);
          for (let wk = 0; wk < WEEKS; wk++) {
            const at = sessionStart(start, c, wk);
            const closed = at + CHECKIN_MINUTES * MIN;
            const eventId = ids.event(c.index, wk);
            const n = c.index * 32 + wk;
            for (let q = 0; q < CODES_PER_SESSION; q++) {
              const issued = at + q * CODE_ROTATION_SECONDS * 1000;
              const qrId = ids.qr(c.index, wk, q);
              const nonce = createHash("md5").update(`${run}:qr:${qrId}`).digest("base64url");
              let code = "";
              for (let k = 0; k < 6; k++) code += SHORT_CODE_ALPHABET[draw(n, q, k) % SHORT_CODE_ALPHABET.length];
              const expires = issued + 60_000;
              codes.add(qrId, eventId, nonce, code, iso(issued), iso(expires), expires > closed ? iso(closed) : null, by);
              audit.add(ids.audit(TRAIL_BASE.code + n * 32 + q), iso(issued), by, "qr_issued", "qr_session", qrId, staffIp(c.instructor), LECTURER_BROWSER, null, JSON.stringify({ event_id: eventId }));
            }
          }
        }
        return codes.finish();
      }),
    );

    await step("enrolments, with joins and drops", () =>
      inTransaction(() => {
        const rows = inserter(db, "enrollments", ["id", "course_id", "email", "full_name", "given_name", "family_name", "student_number", "user_id", "source", "enrolled_at", "dropped_at", "updated_at"]);
        for (const c of plan.courses) {
          for (let k = 0; k < c.seats; k++) {
            const s = (c.first + k) % plan.students;
            const e = c.enrolmentOffset + k;
            const en = enrolment(s, c.index);
            const p = student(s);
            const name = personName(p);
            const enrolledAt = en.joined ? sessionStart(start, c, en.firstWeek) - 2 * DAY : start - 7 * DAY;
            const droppedAt = en.dropped ? sessionStart(start, c, en.lastWeek) + 3 * DAY : null;
            const id = ids.enrolment(e);
            rows.add(id, ids.course(c.index), email(p), fullName(p), en.joined ? null : name.given, en.joined ? null : name.family, `S${String(s).padStart(6, "0")}`, ids.user(p), en.joined ? "join_code" : "import", iso(enrolledAt), droppedAt === null ? null : iso(droppedAt), iso(droppedAt ?? enrolledAt));
            if (en.joined) audit.add(ids.audit(TRAIL_BASE.join + e), iso(enrolledAt), ids.user(p), "enrollment_added", "course", ids.course(c.index), studentIp(s), PHONES[s % PHONES.length], device(s), JSON.stringify({ enrollment_id: id, email: email(p), via: "join_code" }));
            if (droppedAt !== null) audit.add(ids.audit(TRAIL_BASE.drop + e), iso(droppedAt), lecturer(c), "enrollment_dropped", "course", ids.course(c.index), staffIp(c.instructor), LECTURER_BROWSER, null, JSON.stringify({ enrollment_id: id, email: email(p) }));
          }
        }
        return rows.finish();
      }),
    );

    await step("attendance (a year of marks), excuses' trail, low-attendance warnings", () =>
      inTransaction(() => {
        const marks = inserter(db, "attendance_records", ["id", "user_id", "event_id", "marked_at", "status", "method", "qr_session_id", "device_id", "ip_address", "marked_by_id", "reason"]);
        const alerts = inserter(db, "low_attendance_alerts", ["id", "course_id", "user_id", "rate", "created_at", "digested_at", "open"]);
        const weak = Array.from({ length: plan.students }, (_, s) => isWeak(s));
        for (const c of plan.courses) {
          const w = words[c.index]!;
          const by = lecturer(c);
          for (let k = 0; k < c.seats; k++) {
            const s = (c.first + k) % plan.students;
            const e = c.enrolmentOffset + k;
            const en = enrolment(s, c.index);
            const userId = ids.user(student(s));
            for (let wk = en.firstWeek; wk <= en.lastWeek; wk++) {
              const m = mark(s, c.index, wk, weak[s]);
              if (!m) continue;
              const at = sessionStart(start, c, wk) + m.offsetSeconds * 1000;
              const eventId = ids.event(c.index, wk);
              const markId = ids.mark(e, wk);
              if (m.method === "manual") {
                const reason = EXCUSE_REASONS[m.reason]!;
                marks.add(markId, userId, eventId, iso(at), m.status, m.method, null, null, staffIp(c.instructor), by, reason);
                const details = { user_id: userId, enrollment_id: ids.enrolment(e), status: m.status, reason, record_id: markId };
                audit.add(ids.audit(TRAIL_BASE.excuse + e * 32 + wk), iso(at), by, "attendance_manual", "event", eventId, staffIp(c.instructor), LECTURER_BROWSER, null, JSON.stringify(details));
                notify.add(ids.notification(TRAIL_BASE.excuse + e * 32 + wk), userId, "attendance_marked", `Excused · ${w.code} week ${wk + 1}`, reason, "/home", draw(s, wk, 9) < 7000 ? iso(at + DAY) : null, iso(at));
              } else {
                marks.add(markId, userId, eventId, iso(at), m.status, m.method, ids.qr(c.index, wk, m.code!), device(s), studentIp(s), null, null);
              }
            }
            if (weak[s] && !en.dropped) {
              // warned once three sessions were held (the course's warn_after_sessions) and a day passed
              const at = sessionStart(start, c, 3) + SESSION_MINUTES * MIN + DAY;
              const rate = (5500 + (draw(s, c.index, 40) % 1500)) / 10_000;
              const percent = Math.round(rate * 100);
              alerts.add(ids.alert(e), ids.course(c.index), userId, rate, iso(at), iso(at + 8 * 3_600_000), 1);
              notify.add(ids.notification(TRAIL_BASE.warning + e), userId, "low_attendance", `Your attendance in ${w.code} is ${percent} %`, `${w.title} requires ${THRESHOLD_PERCENT} %. Talk to your instructor if something keeps you from coming.`, "/home", null, iso(at));
              audit.add(ids.audit(TRAIL_BASE.warning + e), iso(at), null, "low_attendance_warned", "course", ids.course(c.index), null, null, null, JSON.stringify({ user_id: userId, rate, threshold_percent: THRESHOLD_PERCENT }));
            }
          }
        }
        alerts.finish();
        notify.finish();
        audit.finish();
        return marks.finish();
      }),
    );

    for (const table of BULK_TABLES) {
      const indexes = saved.filter((s) => s.type === "index" && s.tbl === table);
      await step(`indexes of ${table} (${indexes.length})`, () => {
        for (const s of indexes) db.exec(s.sql);
        return indexes.length;
      });
    }
    for (const s of saved.filter((x) => x.type === "trigger")) db.exec(s.sql);
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
