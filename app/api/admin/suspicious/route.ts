import { route } from "@/lib/http";
import { EmptyQuery } from "@/lib/common-schemas";
import { findSuspiciousActivity } from "@/lib/audit/suspicious";

export const GET = route({ auth: "admin", query: EmptyQuery }, ({ ctx }) => findSuspiciousActivity(ctx));
