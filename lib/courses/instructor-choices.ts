// The accounts a new course's form offers as instructors: every active instructor and admin, by name.
import type { Ctx } from "../context";

export async function instructorChoices(ctx: Ctx): Promise<{ id: string; full_name: string; email: string }[]> {
  const staff = await ctx.db.user.findMany({
    where: { role: { in: ["admin", "instructor"] }, status: "active" },
    orderBy: [{ fullName: "asc" }, { email: "asc" }],
    take: 500,
    select: { id: true, fullName: true, email: true },
  });
  return staff.map((a) => ({ id: a.id, full_name: a.fullName, email: a.email }));
}
