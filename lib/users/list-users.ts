import { lockedUntilByEmail } from "../auth/lockout";
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";
import { matchesSearch } from "../text/fold-for-search";
import { NEWEST_FIRST, afterCursor, pageOf } from "../pagination";
import type { AdminUserOut, UserListQuery } from "./schemas";

export const adminUserSelect = (now: Date) =>
  ({
    id: true,
    email: true,
    fullName: true,
    role: true,
    status: true,
    lastLoginAt: true,
    createdAt: true,
    _count: { select: { sessions: { where: { revokedAt: null, expiresAt: { gt: now } } }, passkeys: true } },
  }) as const;

type Row = {
  id: string;
  email: string;
  fullName: string;
  role: AdminUserOut["role"];
  status: AdminUserOut["status"];
  lastLoginAt: Date | null;
  createdAt: Date;
  _count: { sessions: number; passkeys: number };
};

export function toAdminUserOut(u: Row, lockedUntil: Date | undefined): AdminUserOut {
  return {
    id: u.id,
    email: u.email,
    full_name: u.fullName,
    role: u.role,
    status: u.status,
    active_sessions: u._count.sessions,
    passkeys: u._count.passkeys,
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
    created_at: u.createdAt.toISOString(),
    locked_until: lockedUntil?.toISOString() ?? null,
  };
}

export async function loadAdminUser(ctx: Ctx, db: DbOrTx, id: string): Promise<AdminUserOut | null> {
  const row = await db.user.findUnique({ where: { id }, select: adminUserSelect(ctx.clock.now()) });
  if (!row) return null;
  return toAdminUserOut(row, (await lockedUntilByEmail(ctx, [row.email])).get(row.email));
}

/**
 * The first `take` ids, newest first, of the users whose name or email contains `q`, ignoring
 * case and accents ("muller" finds "Müller"; lib/text/fold-for-search.ts). Neither database
 * folds accents without an extension, so the comparison runs here, over the id, email and name
 * of the users the other filters (and the cursor) leave: short rows, read once.
 */
async function idsMatching(ctx: Ctx, q: string, filters: object[], take: number): Promise<string[]> {
  const rows = await ctx.db.user.findMany({ where: { AND: filters }, orderBy: NEWEST_FIRST, select: { id: true, email: true, fullName: true } });
  return rows.filter((u) => matchesSearch(q, u.fullName, u.email)).slice(0, take).map((u) => u.id);
}

export async function listUsers(ctx: Ctx, query: UserListQuery) {
  let and: object[] = [];
  if (query.role) and.push({ role: query.role });
  if (query.status) and.push({ status: query.status });
  if (query.cursor) and.push(afterCursor(query.cursor));
  if (query.q) and = [{ id: { in: await idsMatching(ctx, query.q, and, query.limit + 1) } }];
  const rows = await ctx.db.user.findMany({
    where: { AND: and },
    orderBy: NEWEST_FIRST,
    take: query.limit + 1,
    select: adminUserSelect(ctx.clock.now()),
  });
  const { items, nextCursor } = pageOf(rows, query.limit);
  const locks = await lockedUntilByEmail(ctx, items.map((u) => u.email));
  return { users: items.map((u) => toAdminUserOut(u, locks.get(u.email))), next_cursor: nextCursor };
}
