import { z } from "zod";
import { Str } from "../common-schemas";

export const MigrationStateOut = z.object({
  state: z.enum(["up_to_date", "pending", "failed", "unknown"]),
  applied: z.number().int(),
  available: z.number().int(),
  pending: z.array(Str),
  failed: z.array(Str),
  latest: Str.nullable(),
});

export const HealthOut = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["ok", "unreachable"]),
  migrations: MigrationStateOut.optional(),
  build: z
    .object({
      id: Str.nullable().describe("the Next.js build id this instance serves"),
      release: Str.nullable().describe("the release folder it runs from (`npm run release`), if any"),
    })
    .describe("what this instance runs: an upgrade waits for each instance to report the new build"),
});
