// Marking attendance from a scan: DESIGN.md section 4's verification order, then ONE transaction
// that writes the used nonce (per student) and the attendance record. The database's unique
// constraints — (nonce, user) and (user, event) — are the guard against replays and races.
// Every failure is audited as attendance_failed, outside the rolled-back transaction.
// Kept lean (about ten statements): this is the path 300 students hit within ten seconds.
import { transact } from "../transact";
import { recordAudit } from "../audit/record";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import type { AttendanceMethod, Tx } from "../db";
import { AppError, isAppError, isUniqueViolation, type ErrorCode } from "../errors";
import { isCheckinOpen } from "../events/checkin";
import { notifyAdmins, notifyUser } from "../notifications/notify";
import { recordTiming } from "../metrics/recorder";
import { extractQrPayload, parseQrToken, QR_SKEW_SECONDS, verifyQrToken } from "../qr/token";
import { enforce, hit, peek, rateLimited } from "../rate-limit/limit";
import { insideGeofence, networkAllowed } from "./location";
import type { AlreadyMarkedOut, MarkedOut, MarkInput } from "./schemas";

/** Failed attempts per student: counted only on failure, so the success path stays one read. */
export const MARK_ATTEMPTS = { name: "mark_user", max: 30, windowSeconds: 60 };
const tooManyAttempts = "Too many failed attempts. Wait a minute and scan again.";

/** Refuse a student who is over the failed-attempt limit (a read, not a write). */
export async function checkAttemptLimit(ctx: Ctx, userId: string): Promise<void> {
  const state = await peek(ctx, MARK_ATTEMPTS, userId);
  if (state.count >= MARK_ATTEMPTS.max) throw rateLimited(state, tooManyAttempts);
}

/** Count a failed attempt (never throws: the student's real error matters more). */
export async function countFailedAttempt(ctx: Ctx, userId: string, error: AppError): Promise<void> {
  if (error.code === "rate_limited") return;
  await hit(ctx, MARK_ATTEMPTS, userId).catch(() => undefined);
}
export const SHORT_CODE_ATTEMPTS = { name: "short_code_user", max: 10, windowSeconds: 600 };

export type MarkResult = MarkedOut;
export type AlreadyMarked = AlreadyMarkedOut;

const SESSION_SELECT = {
  id: true,
  nonce: true,
  eventId: true,
  expiresAt: true,
  revokedAt: true,
  event: {
    select: {
      id: true,
      title: true,
      startsAt: true,
      endsAt: true,
      lateAfterMinutes: true,
      archivedAt: true,
      checkinOpenedAt: true,
      checkinClosedAt: true,
      blockSharedDevices: true,
      allowedCidrs: true,
      geofenceLat: true,
      geofenceLng: true,
      geofenceRadiusM: true,
    },
  },
} as const;

export type ScanTarget = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

function loadSession(ctx: Ctx, id: string) {
  return ctx.db.qrSession.findUnique({ where: { id }, select: SESSION_SELECT });
}

/** What the failure audit knows about the attempt so far. */
interface Attempt {
  eventId?: string;
  qrSessionId?: string;
  /** qr: the app's scanner; link: the code's URL opened by a camera app; receipt: a link opened before login */
  via: "qr" | "short_code" | "link" | "receipt";
}

/** The honest method stored with a mark (docs/courses.md, "how a mark was made"). */
const METHOD_OF = { qr: "scan", short_code: "short_code", link: "link", receipt: "link" } as const satisfies Record<Attempt["via"], AttendanceMethod>;

const fail = (code: ErrorCode, message: string) => new AppError(code, message);

/** Parse, MAC and expiry of a scanned payload → the qr-session it names (not revoked). Timed for the dashboard. */
export async function verifyScannedPayload(ctx: Ctx, scanned: string, attempt: Attempt): Promise<ScanTarget> {
  const started = performance.now();
  try {
    return await verifyScannedPayloadUntimed(ctx, scanned, attempt);
  } finally {
    recordTiming("qr_verification", performance.now() - started);
  }
}

async function verifyScannedPayloadUntimed(ctx: Ctx, scanned: string, attempt: Attempt): Promise<ScanTarget> {
  const result = verifyQrToken(extractQrPayload(scanned), ctx.config.QR_SIGNING_SECRET, ctx.clock.now());
  if (!result.ok) {
    if (result.reason === "malformed") throw fail("qr_malformed", "That is not a Rollcall attendance code.");
    if (result.reason === "bad_signature") throw fail("qr_invalid_signature", "This code was not issued by Rollcall (its signature is wrong).");
    // the MAC checked out, so the claims are ours: name the event in the failure audit
    const parsed = parseQrToken(extractQrPayload(scanned));
    attempt.eventId = parsed?.claims.eventId;
    attempt.qrSessionId = parsed?.claims.qrSessionId;
    throw fail("qr_expired", "This code has expired. Scan the code on the screen now.");
  }
  attempt.eventId = result.claims.eventId;
  attempt.qrSessionId = result.claims.qrSessionId;
  const session = await loadSession(ctx, result.claims.qrSessionId);
  // A valid MAC naming a missing session: its event was deleted. Treat it as revoked.
  if (!session || session.nonce !== result.claims.nonce || session.eventId !== result.claims.eventId || session.revokedAt) {
    throw fail("qr_revoked", "This code was withdrawn by the organiser. Scan the code on the screen now.");
  }
  return session;
}

/** The live qr-session a typed short code belongs to. */
async function resolveShortCode(ctx: Ctx, userId: string, code: string, attempt: Attempt): Promise<ScanTarget> {
  await enforce(ctx, SHORT_CODE_ATTEMPTS, userId, "Too many short codes typed. Scan the QR code instead, or wait a few minutes.");
  const now = ctx.clock.now();
  const skew = QR_SKEW_SECONDS * 1000;
  const found = await ctx.db.qrSession.findFirst({
    where: { shortCode: code, expiresAt: { gt: new Date(now.getTime() - skew) }, issuedAt: { lte: new Date(now.getTime() + skew) } },
    orderBy: { issuedAt: "desc" },
    select: SESSION_SELECT,
  });
  if (!found) throw fail("short_code_invalid", "That code is not valid now. Check the characters, or type the code on the screen now.");
  attempt.eventId = found.eventId;
  attempt.qrSessionId = found.id;
  if (found.revokedAt) throw fail("qr_revoked", "This code was withdrawn by the organiser. Use the code on the screen now.");
  return found;
}

interface Location {
  latitude?: number;
  longitude?: number;
  accuracy_m?: number;
}

/** Event open, a student, allowed network and place. `at` is the scan time. */
export function checkEligibility(ctx: Ctx, user: AuthUser, target: ScanTarget, at: Date, where: Location): void {
  const event = target.event;
  if (!isCheckinOpen(event, at)) throw fail("event_closed", `Check-in for “${event.title}” is closed.`);
  if (user.role !== "student") throw fail("not_a_student", "Only student accounts can mark attendance.");
  if (!networkAllowed(event.allowedCidrs, ctx.ip)) {
    throw fail("network_not_allowed", "Attendance for this event can only be marked from the campus network. Turn off mobile data and join the campus Wi-Fi.");
  }
  if (event.geofenceLat !== null && event.geofenceLng !== null && event.geofenceRadiusM !== null) {
    if (where.latitude === undefined || where.longitude === undefined) {
      throw fail("location_required", "This event checks that you are in the room. Allow location access and scan again.");
    }
    const fence = { lat: event.geofenceLat, lng: event.geofenceLng, radiusM: event.geofenceRadiusM };
    if (!insideGeofence(fence, { lat: where.latitude, lng: where.longitude, accuracyM: where.accuracy_m })) {
      throw fail("location_outside_geofence", "Your location is outside the room for this event.");
    }
  }
}

function eventSummary(target: ScanTarget) {
  return { id: target.event.id, title: target.event.title, starts_at: target.event.startsAt.toISOString() };
}

export function statusAt(event: { startsAt: Date; lateAfterMinutes: number }, at: Date): "present" | "late" {
  return at.getTime() > event.startsAt.getTime() + event.lateAfterMinutes * 60_000 ? "late" : "present";
}

export interface WriteOptions {
  /** when the student scanned (a scan receipt completes the mark as of its scan time) */
  at: Date;
  via: Attempt["via"];
  /** extra work inside the transaction, e.g. spending a scan receipt */
  inTransaction?: (tx: Tx) => Promise<void>;
}

/** The one transaction: used nonce + attendance record (+ device, flag, audit, notification). */
export async function writeMark(ctx: Ctx, user: AuthUser, target: ScanTarget, opts: WriteOptions): Promise<MarkResult | AlreadyMarked> {
  const now = ctx.clock.now();
  const event = target.event;
  const status = statusAt(event, opts.at);
  const deviceId = ctx.deviceId;
  try {
    return await transact(ctx, 
      async (tx) => {
        await opts.inTransaction?.(tx);
        await tx.usedNonce.create({ data: { nonce: target.nonce, userId: user.id, qrSessionId: target.id, usedAt: now } });
        let deviceFlag = false;
        if (deviceId) {
          await tx.device.upsert({
            where: { id: deviceId },
            create: { id: deviceId, firstSeenAt: now, lastSeenAt: now, userAgent: ctx.userAgent },
            update: { lastSeenAt: now },
          });
          const others = await tx.attendanceRecord.findMany({
            where: { eventId: event.id, deviceId, userId: { not: user.id } },
            select: { id: true, userId: true },
            take: 20,
          });
          if (others.length > 0) {
            if (event.blockSharedDevices) {
              throw fail("device_shared", "This phone was already used to mark another student for this event. Use your own phone.");
            }
            deviceFlag = true;
            await flagSharedDevice(tx, ctx, user, event, deviceId, others);
          }
        }
        const record = await tx.attendanceRecord.create({
          data: {
            userId: user.id,
            eventId: event.id,
            markedAt: opts.at,
            status,
            method: METHOD_OF[opts.via],
            qrSessionId: target.id,
            deviceId,
            deviceFlag,
            ipAddress: ctx.ip,
          },
          select: { id: true },
        });
        await recordAudit(tx, ctx, {
          action: "attendance_marked",
          actorId: user.id,
          targetType: "event",
          targetId: event.id,
          details: { record_id: record.id, status, via: opts.via, qr_session_id: target.id, device_flag: deviceFlag, scanned_at: opts.at.toISOString() },
        });
        await notifyUser(tx, ctx, user.id, {
          type: "attendance_marked",
          title: `Marked ${status} · ${event.title}`,
          body: `Your attendance was recorded at ${opts.at.toISOString()}.`,
          link: "/home",
        });
        return { status, event: eventSummary(target), marked_at: opts.at.toISOString(), device_flag: deviceFlag };
      },
      { maxWait: 15_000, timeout: 15_000 },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either this nonce was already used by this student, or they are already marked for the event.
    const existing = await ctx.db.attendanceRecord.findUnique({
      where: { userId_eventId: { userId: user.id, eventId: event.id } },
      select: { markedAt: true, status: true },
    });
    if (existing) return { already_marked: true, status: existing.status, event: eventSummary(target), marked_at: existing.markedAt.toISOString() };
    throw fail("conflict", "You already used this code and your mark was removed by an organiser. Ask them, or scan the current code.");
  }
}

async function flagSharedDevice(
  tx: Tx,
  ctx: Ctx,
  user: AuthUser,
  event: ScanTarget["event"],
  deviceId: string,
  others: { id: string; userId: string }[],
) {
  await tx.attendanceRecord.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { deviceFlag: true } });
  await recordSharedDevice(tx, ctx, user, event, deviceId, others.map((o) => o.userId), false);
}

async function recordSharedDevice(tx: Tx | Ctx["db"], ctx: Ctx, user: AuthUser, event: { id: string; title: string }, deviceId: string, otherUserIds: string[], blocked: boolean) {
  await recordAudit(tx, ctx, {
    action: "device_shared",
    actorId: user.id,
    targetType: "event",
    targetId: event.id,
    details: { device_id: deviceId, user_ids: [user.id, ...otherUserIds], blocked },
  });
  await notifyAdmins(tx, ctx, {
    type: "device_shared",
    title: `One phone marked ${otherUserIds.length + 1} accounts · ${event.title}`,
    body: `${blocked ? "Blocked: " : ""}the same device marked attendance for more than one account in this event.`,
    link: `/admin/events/${event.id}`,
  });
}

/** attendance_failed, written outside the failed transaction so it survives the rollback. */
export async function auditFailure(ctx: Ctx, userId: string | null, error: AppError, attempt: Attempt) {
  try {
    await recordAudit(ctx.db, ctx, {
      action: "attendance_failed",
      actorId: userId,
      targetType: attempt.eventId ? "event" : undefined,
      targetId: attempt.eventId ?? null,
      details: { reason: error.code, via: attempt.via, qr_session_id: attempt.qrSessionId ?? null, ip: ctx.ip, device_id: ctx.deviceId },
    });
  } catch {
    // an audit write failing must not hide the student's real error
  }
}

/** POST /api/attendance/mark: a scanned payload (or URL) or a typed short code; `opened` says
 *  whether the payload came from the app's scanner or from a camera app opening the code's URL. */
export async function markAttendance(ctx: Ctx, user: AuthUser, input: MarkInput, opened: "scanner" | "link" = "scanner"): Promise<MarkResult | AlreadyMarked> {
  const attempt: Attempt = { via: input.short_code ? "short_code" : opened === "link" ? "link" : "qr" };
  try {
    let target: ScanTarget;
    if (input.short_code) {
      await checkAttemptLimit(ctx, user.id);
      target = await resolveShortCode(ctx, user.id, input.short_code, attempt);
    } else {
      // Two independent reads on the hot path: run them together; the limit's refusal wins.
      const [limit, verified] = await Promise.allSettled([checkAttemptLimit(ctx, user.id), verifyScannedPayload(ctx, input.qr_payload ?? "", attempt)]);
      if (limit.status === "rejected") throw limit.reason;
      if (verified.status === "rejected") throw verified.reason;
      target = verified.value;
    }
    const now = ctx.clock.now();
    checkEligibility(ctx, user, target, now, input);
    return await writeMark(ctx, user, target, { at: now, via: attempt.via });
  } catch (error) {
    if (isAppError(error)) {
      await auditFailure(ctx, user.id, error, attempt);
      await countFailedAttempt(ctx, user.id, error);
      if (error.code === "device_shared" && attempt.eventId && ctx.deviceId) await auditBlockedDevice(ctx, user, attempt.eventId);
    }
    throw error;
  }
}

async function auditBlockedDevice(ctx: Ctx, user: AuthUser, eventId: string) {
  const [event, others] = await Promise.all([
    ctx.db.event.findUnique({ where: { id: eventId }, select: { id: true, title: true } }),
    ctx.db.attendanceRecord.findMany({ where: { eventId, deviceId: ctx.deviceId }, select: { userId: true }, take: 20 }),
  ]);
  if (event && ctx.deviceId) await recordSharedDevice(ctx.db, ctx, user, event, ctx.deviceId, others.map((o) => o.userId), true);
}
