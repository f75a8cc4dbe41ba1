import { lockedUntilByEmail } from "../auth/lockout";
import type { Ctx } from "../context";
import { insensitive, type DbOrTx } from "../db";
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

export async function listUsers(ctx: Ctx, query: UserListQuery) {
  const mode = insensitive(ctx.config.DATABASE_URL);
  const and: object[] = [];
  if (query.q) and.push({ OR: [{ email: { contains: query.q, ...mode } }, { fullName: { contains: query.q, ...mode } }] });
  if (query.role) and.push({ role: query.role });
  if (query.status) and.push({ status: query.status });
  if (query.cursor) and.push(afterCursor(query.cursor));
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
