// Time is a parameter: domain code calls ctx.clock.now(), never Date.now(), so tests can
// move a 3-minute approval expiry or a 60-second code forward without sleeping.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at `at`, optionally advanced by tests. */
export function fixedClock(at: Date | string | number): Clock & { advance(ms: number): void; set(at: Date): void } {
  let t = new Date(at).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}

export const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);
export const addMinutes = (d: Date, m: number) => addSeconds(d, m * 60);
export const addDays = (d: Date, days: number) => addSeconds(d, days * 86_400);
export const addHours = (d: Date, h: number) => addSeconds(d, h * 3600);
