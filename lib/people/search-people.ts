// Find active accounts by name or email, for the course page's "enrol a student" and "add staff"
// searches (capability people:search: admins and instructors; docs/design.md#roles-and-permissions).
// Case and accents are ignored ("muller" finds "Müller"; lib/text/fold-for-search.ts): neither
// database folds accents without an extension, so the match runs here over the active accounts'
// short id, email and name rows.
import type { Ctx } from "../context";
import { matchesSearch } from "../text/fold-for-search";
import type { PeopleQuery } from "./schemas";

export async function searchPeople(ctx: Ctx, query: PeopleQuery) {
  const rows = await ctx.db.user.findMany({
    where: { status: "active", ...(query.role && { role: query.role }) },
    orderBy: [{ fullName: "asc" }, { email: "asc" }],
    select: { id: true, email: true, fullName: true, role: true },
  });
  const found = rows.filter((u) => matchesSearch(query.q, u.fullName, u.email)).slice(0, query.limit);
  return { items: found.map((u) => ({ id: u.id, email: u.email, full_name: u.fullName, role: u.role })) };
}
