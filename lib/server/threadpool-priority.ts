// Request handling before hashing: every thread of the process except the main thread (the
// event loop) gets a lower CPU priority. Those are libuv's pool — where bcrypt runs — and V8's
// helpers. A login storm that keeps the cores busy hashing then still leaves attendance marks,
// which run on the event loop, first in line for the CPU.
// Linux only (threads are tasks with their own nice value); elsewhere a no-op.
import fs from "node:fs";
import { randomFill } from "node:crypto";
import os from "node:os";

/** Start libuv's pool (its first job creates it) and lower every non-main thread. Returns how many. */
export async function lowerWorkerThreadPriority(niceness = 10): Promise<number> {
  if (process.platform !== "linux") return 0;
  await new Promise((resolve) => randomFill(Buffer.alloc(1), resolve));
  let lowered = 0;
  for (const tid of fs.readdirSync("/proc/self/task")) {
    if (Number(tid) === process.pid) continue; // the main thread keeps its priority
    try {
      os.setPriority(Number(tid), niceness);
      lowered++;
    } catch {
      // a thread that already ended, or no permission: leave it as it is
    }
  }
  return lowered;
}
