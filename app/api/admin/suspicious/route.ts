import { route } from "@/lib/http";
import { findSuspiciousActivity } from "@/lib/audit/suspicious";

export const GET = route({ auth: "admin" }, ({ ctx }) => findSuspiciousActivity(ctx));
