// The admins a course form offers as instructors: every active admin, by name.
import type { Ctx } from "../context";

export async function instructorChoices(ctx: Ctx): Promise<{ id: string; full_name: string; email: string }[]> {
  const admins = await ctx.db.user.findMany({
    where: { role: "admin", status: "active" },
    orderBy: [{ fullName: "asc" }, { email: "asc" }],
    take: 500,
    select: { id: true, fullName: true, email: true },
  });
  return admins.map((a) => ({ id: a.id, full_name: a.fullName, email: a.email }));
}
