// Marks first (docs/performance.md#marks-first): the reads a lecturer or admin can trigger that
// cost real CPU and database time — a term report being built, the report and session exports,
// roster imports — run at most HEAVY_READS_PER_INSTANCE at a time in this process. One more is
// refused at once with 503 `busy` and Retry-After instead of queueing: a queue of reports would
// grow without bound behind a refresh button and take the event loop from the check-ins. Marks
// never pass through here.
import type { Ctx } from "./context";
import { AppError } from "./errors";
import { Semaphore } from "./semaphore";

export const BUSY_RETRY_AFTER_SECONDS = 1;

let gate: Semaphore | undefined;

export function busyError(): AppError {
  return new AppError("busy", "Rollcall is busy with other reports, exports and imports right now; check-ins come first. Try again in a second.", undefined, {
    "Retry-After": String(BUSY_RETRY_AFTER_SECONDS),
  });
}

/** Run an expensive read if one of this instance's slots is free, else throw 503 busy. */
export function heavyRead<T>(ctx: Pick<Ctx, "config">, task: () => Promise<T>): Promise<T> {
  gate ??= new Semaphore(ctx.config.HEAVY_READS_PER_INSTANCE);
  const run = gate.tryRun(task);
  if (!run) throw busyError();
  return run;
}
