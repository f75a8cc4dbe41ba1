import { z } from "zod";

export const MigrationStateOut = z.object({
  state: z.enum(["up_to_date", "pending", "failed", "unknown"]),
  applied: z.number().int(),
  available: z.number().int(),
  pending: z.array(z.string()),
  failed: z.array(z.string()),
  latest: z.string().nullable(),
});

export const HealthOut = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["ok", "unreachable"]),
  migrations: MigrationStateOut.optional(),
});
