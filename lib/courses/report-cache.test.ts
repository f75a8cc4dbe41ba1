import { describe, expect, it } from "vitest";
import { ReportCache } from "./report-cache";

describe("ReportCache", () => {
  const counting = () => {
    let builds = 0;
    const build = (validFrom = 0, validUntil = 1_000) => async () => ({ value: ++builds, validFrom, validUntil });
    return { build, count: () => builds };
  };

  it("builds once per key and reuses it within its time window", async () => {
    const cache = new ReportCache<number>();
    const b = counting();
    expect(await cache.get("c", "v1", 10, b.build())).toBe(1);
    expect(await cache.get("c", "v1", 999, b.build())).toBe(1);
    expect(await cache.get("c", "v2", 20, b.build())).toBe(2); // a change: built again
    expect(await cache.get("c", "v2", 1_000, b.build(1_000, 2_000))).toBe(3); // a session ended
    expect(await cache.get("c", "v2", 999, b.build())).toBe(4); // a clock set back
  });

  it("shares one build among concurrent callers", async () => {
    const cache = new ReportCache<number>();
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const build = async () => {
      builds++;
      await gate;
      return { value: builds, validFrom: 0, validUntil: 100 };
    };
    const all = Promise.all(Array.from({ length: 20 }, () => cache.get("c", "v1", 5, build)));
    release();
    expect(await all).toEqual(Array(20).fill(1));
    expect(builds).toBe(1);
  });

  it("forgets a failed build and keeps only the most recent courses", async () => {
    const cache = new ReportCache<number>(2);
    await expect(cache.get("c", "v1", 0, async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    const b = counting();
    expect(await cache.get("c", "v1", 0, b.build())).toBe(1);
    await cache.get("d", "v1", 0, b.build());
    await cache.get("e", "v1", 0, b.build());
    expect(await cache.get("c", "v1", 0, b.build())).toBe(4); // evicted, built again
  });
});
