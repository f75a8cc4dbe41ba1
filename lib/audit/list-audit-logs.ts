import type { Ctx } from "../context";
import { NEWEST_FIRST, afterCursor, pageOf } from "../pagination";
import type { AuditEntryOut, AuditLogPage, AuditLogQuery } from "./schemas";

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { raw: text };
  }
}

/** Filtered audit entries, newest first (read-only: nothing in the app edits or deletes them). */
export async function listAuditLogs(ctx: Ctx, query: AuditLogQuery): Promise<AuditLogPage> {
  const and: object[] = [];
  if (query.action) and.push({ action: query.action });
  if (query.user_id) and.push({ OR: [{ actorId: query.user_id }, { targetType: "user", targetId: query.user_id }] });
  if (query.ip_address) and.push({ ipAddress: query.ip_address });
  if (query.from) and.push({ createdAt: { gte: query.from } });
  if (query.to) and.push({ createdAt: { lt: query.to } });
  if (query.cursor) and.push(afterCursor(query.cursor));
  const rows = await ctx.db.auditLog.findMany({ where: { AND: and }, orderBy: NEWEST_FIRST, take: query.limit + 1 });
  const { items, nextCursor } = pageOf(rows, query.limit);
  const actorIds = [...new Set(items.map((r) => r.actorId).filter((id): id is string => !!id))];
  const actors = actorIds.length
    ? await ctx.db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true, fullName: true } })
    : [];
  const byId = new Map(actors.map((a) => [a.id, { id: a.id, email: a.email, full_name: a.fullName }]));
  const entries: AuditEntryOut[] = items.map((r) => ({
    id: r.id,
    action: r.action,
    actor: (r.actorId && byId.get(r.actorId)) || null,
    actor_id: r.actorId,
    target: { type: r.targetType, id: r.targetId },
    ip_address: r.ipAddress,
    user_agent: r.userAgent,
    device_id: r.deviceId,
    details: parseDetails(r.details),
    created_at: r.createdAt.toISOString(),
  }));
  return { entries, next_cursor: nextCursor };
}
