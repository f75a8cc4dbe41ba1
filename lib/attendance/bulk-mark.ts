// The live roster's "mark selected present / excused": one status and reason for many students
// (accounts or enrolments without one). Each student is marked under the single-mark rules in
// their own transaction and gets their own result, like decide-bulk: one already marked, or
// dropped from the course meanwhile, does not undo the others.
import type { Ctx } from "../context";
import { isAppError } from "../errors";
import { manualMark } from "./manual-mark";
import type { BulkMarkInput, BulkMarkOut } from "./schemas";

export async function bulkMark(ctx: Ctx, actorId: string, eventId: string, input: BulkMarkInput): Promise<BulkMarkOut> {
  const results: BulkMarkOut["results"] = [];
  for (const student of input.students) {
    try {
      const entry = await manualMark(ctx, actorId, eventId, { ...student, status: input.status, reason: input.reason });
      results.push({ ...student, ok: true, status: entry.status, full_name: entry.full_name });
    } catch (error) {
      // an unknown event fails the whole request; anything about one student is that student's result
      if (!isAppError(error) || error.code === "event_not_found") throw error;
      results.push({ ...student, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { event_id: eventId, marked: results.filter((r) => r.ok).length, results };
}
