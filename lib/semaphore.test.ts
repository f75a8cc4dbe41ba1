import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore";

describe("Semaphore", () => {
  it("never runs more than the limit at once and runs every task in order", async () => {
    const s = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      order.push(i);
      active--;
      return i;
    };
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => s.run(task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.running).toBe(0);
    expect(s.waiting).toBe(0);
  });

  it("releases the slot when a task fails", async () => {
    const s = new Semaphore(1);
    await expect(s.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await s.run(async () => 7)).toBe(7);
  });

  it("tryRun runs only while a slot is free, and frees it again", async () => {
    const gate = new Semaphore(1);
    let release!: () => void;
    const first = gate.tryRun(() => new Promise<void>((r) => (release = r)));
    expect(first).not.toBeNull();
    expect(gate.tryRun(async () => "second")).toBeNull();
    release();
    await first;
    expect(await gate.tryRun(async () => "third")).toBe("third");
  });

  it("refuses a non-positive limit", () => {
    expect(() => new Semaphore(0)).toThrow();
  });
});
