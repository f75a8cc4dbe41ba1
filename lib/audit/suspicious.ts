// Suspicious activity, computed from audit_logs and attendance_records (docs/design.md#notifications-and-audit),
// and the failed-login-burst hook the login use case calls after auditing a failure.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { log } from "../log";
import { notifyAdmins } from "../notifications/notify";
import { recordAudit } from "./record";
import type { SuspiciousReport } from "./schemas";

const HOUR_MS = 60 * 60_000;
/** more than this many failed logins from one IP within an hour is a burst */
export const FAILED_LOGIN_BURST = 5;
export const FAILED_SCAN_RATE_PERCENT = 10;
const SHARED_DEVICE_WINDOW_DAYS = 30;
const FAILED_SCAN_WINDOW_DAYS = 7;
const REFRESH_REUSE_WINDOW_DAYS = 7;
const STAFF_PASSKEY_WINDOW_DAYS = 7;

/**
 * Call after recording a `login_failed` audit entry, in the same transaction. When `ip`
 * crosses FAILED_LOGIN_BURST failures in the last hour, admins are notified once per hour
 * per IP (the `failed_login_burst` audit entry is the marker of "already notified").
 */
export async function noteFailedLogin(tx: DbOrTx, ctx: Pick<Ctx, "clock" | "ip" | "userAgent" | "deviceId">, ip: string): Promise<boolean> {
  const since = new Date(ctx.clock.now().getTime() - HOUR_MS);
  const failures = await tx.auditLog.count({ where: { action: "login_failed", ipAddress: ip, createdAt: { gte: since } } });
  if (failures <= FAILED_LOGIN_BURST) return false;
  const already = await tx.auditLog.findFirst({
    where: { action: "failed_login_burst", targetType: "ip", targetId: ip, createdAt: { gte: since } },
    select: { id: true },
  });
  if (already) return false;
  await recordAudit(tx, ctx, { action: "failed_login_burst", targetType: "ip", targetId: ip, details: { failures, window_minutes: 60 } });
  log("warn", "security: failed login burst", { ip, failures });
  await notifyAdmins(tx, ctx, {
    type: "failed_login_burst",
    title: `${failures} failed logins from ${ip} in the last hour`,
    body: "Someone may be guessing passwords. See the suspicious activity page.",
    link: "/admin/suspicious",
  });
  return true;
}

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 24 * HOUR_MS);

export async function findSuspiciousActivity(ctx: Ctx): Promise<SuspiciousReport> {
  const now = ctx.clock.now();
  const db = ctx.db;

  const ipGroups = await db.auditLog.groupBy({
    by: ["ipAddress"],
    where: { action: "login_failed", createdAt: { gte: new Date(now.getTime() - HOUR_MS) }, ipAddress: { not: null } },
    _count: { _all: true },
    _max: { createdAt: true },
    having: { ipAddress: { _count: { gt: FAILED_LOGIN_BURST } } },
  });
  const failedLoginIps = ipGroups
    .map((g) => ({ ip_address: g.ipAddress!, failures: g._count._all, last_at: (g._max.createdAt ?? now).toISOString() }))
    .sort((a, b) => b.failures - a.failures);

  // One device marking for two or more accounts: (device, user) pairs, then devices with > 1 user.
  const pairs = await db.attendanceRecord.groupBy({
    by: ["deviceId", "userId"],
    where: { deviceId: { not: null }, markedAt: { gte: daysAgo(now, SHARED_DEVICE_WINDOW_DAYS) } },
    _count: { _all: true },
    _max: { markedAt: true },
  });
  const byDevice = new Map<string, { users: Set<string>; marks: number; last: Date }>();
  for (const p of pairs) {
    const d = byDevice.get(p.deviceId!) ?? { users: new Set<string>(), marks: 0, last: new Date(0) };
    if (p.userId) d.users.add(p.userId); // device marks are scans, always by an account
    d.marks += p._count._all;
    if (p._max.markedAt && p._max.markedAt > d.last) d.last = p._max.markedAt;
    byDevice.set(p.deviceId!, d);
  }
  const shared = [...byDevice.entries()].filter(([, d]) => d.users.size > 1);
  const sharedUserIds = [...new Set(shared.flatMap(([, d]) => [...d.users]))];
  const users = sharedUserIds.length
    ? await db.user.findMany({ where: { id: { in: sharedUserIds } }, select: { id: true, email: true, fullName: true } })
    : [];
  const userById = new Map(users.map((u) => [u.id, { id: u.id, email: u.email, full_name: u.fullName }]));
  const sharedDevices = shared
    .map(([deviceId, d]) => ({
      device_id: deviceId,
      users: [...d.users].map((id) => userById.get(id) ?? { id, email: "", full_name: "" }),
      events: d.marks,
      last_at: d.last.toISOString(),
    }))
    .sort((a, b) => b.last_at.localeCompare(a.last_at));

  // Failed-scan rate per event: attendance_failed entries targeting the event vs. scan marks.
  const since = daysAgo(now, FAILED_SCAN_WINDOW_DAYS);
  const failedGroups = await db.auditLog.groupBy({
    by: ["targetId"],
    where: { action: "attendance_failed", targetType: "event", targetId: { not: null }, createdAt: { gte: since } },
    _count: { _all: true },
  });
  const eventIds = failedGroups.map((g) => g.targetId!);
  const [markGroups, events] = eventIds.length
    ? await Promise.all([
        db.attendanceRecord.groupBy({ by: ["eventId"], where: { eventId: { in: eventIds }, method: "scan" }, _count: { _all: true } }),
        db.event.findMany({ where: { id: { in: eventIds } }, select: { id: true, title: true } }),
      ])
    : [[], []];
  const marked = new Map(markGroups.map((g) => [g.eventId, g._count._all]));
  const titles = new Map(events.map((e) => [e.id, e.title]));
  const failedScanEvents = failedGroups
    .map((g) => {
      const failed = g._count._all;
      const ok = marked.get(g.targetId!) ?? 0;
      return { event_id: g.targetId!, title: titles.get(g.targetId!) ?? "(deleted event)", failed, marked: ok, failed_rate: failureRate(failed, ok) };
    })
    .filter((e) => e.failed_rate > FAILED_SCAN_RATE_PERCENT)
    .sort((a, b) => b.failed_rate - a.failed_rate);

  const reuse = await db.auditLog.findMany({
    where: { action: "refresh_reuse", createdAt: { gte: daysAgo(now, REFRESH_REUSE_WINDOW_DAYS) } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  // Passkeys added to staff accounts (register-passkey.ts marks their audit entry "staff": true).
  const staffPasskeys = await db.auditLog.findMany({
    where: { action: "passkey_registered", details: { contains: '"staff":true' }, createdAt: { gte: daysAgo(now, STAFF_PASSKEY_WINDOW_DAYS) } },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, actorId: true, ipAddress: true, createdAt: true, details: true },
  });
  const staffIds = [...new Set(staffPasskeys.map((p) => p.actorId).filter((id): id is string => id !== null))];
  const staff = staffIds.length ? await db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, email: true, fullName: true, role: true } }) : [];
  const staffById = new Map(staff.map((u) => [u.id, { id: u.id, email: u.email, full_name: u.fullName, role: u.role as string }]));

  return {
    generated_at: now.toISOString(),
    failed_login_ips: failedLoginIps,
    shared_devices: sharedDevices,
    failed_scan_events: failedScanEvents,
    refresh_token_reuse: reuse.map((r) => ({
      id: r.id,
      user_id: r.actorId ?? (r.targetType === "user" ? r.targetId : null),
      ip_address: r.ipAddress,
      created_at: r.createdAt.toISOString(),
    })),
    staff_passkeys_added: staffPasskeys.map((p) => ({
      id: p.id,
      user: staffById.get(p.actorId ?? "") ?? { id: p.actorId ?? "", email: "", full_name: "(deleted account)", role: "" },
      passkey_name: passkeyNameOf(p.details),
      ip_address: p.ipAddress,
      created_at: p.createdAt.toISOString(),
    })),
  };
}

function passkeyNameOf(details: string): string {
  try {
    const name = (JSON.parse(details) as { name?: unknown }).name;
    return typeof name === "string" ? name : "";
  } catch {
    return "";
  }
}

/** Percent of attempts that failed, one decimal. */
export function failureRate(failed: number, succeeded: number): number {
  const total = failed + succeeded;
  return total === 0 ? 0 : Math.round((failed / total) * 1000) / 10;
}
