// Whether a server answers in the same time on every path of one request (a difference would
// tell an attacker which addresses have accounts). On a loaded machine a single request's time
// varies tenfold, so paths are never timed one after another: each round prepares one input per
// path, then sends them all at the same moment in a random order, so whatever else loads the
// machine falls on every path of the round alike, and each time counts relative to its round's
// median.

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A path: prepares its input (not timed) and returns the request to time. */
export type TimedPath = () => Promise<() => Promise<unknown>>;

export interface PathTimes<K extends string> {
  /** each path's median time relative to its rounds' medians (1: the middle of the round) */
  relative: Record<K, number>;
  /** the slowest path's relative median over the fastest's */
  spread: number;
  /** every round's times in ms, for a failure message */
  rounds: Record<K, number>[];
}

export async function timePaths<K extends string>(paths: Record<K, TimedPath>, rounds = 21): Promise<PathTimes<K>> {
  const names = Object.keys(paths) as K[];
  const relative = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const all: Record<K, number>[] = [];
  for (let round = 0; round < rounds; round++) {
    const requests: [K, () => Promise<unknown>][] = [];
    for (const name of names) requests.push([name, await paths[name]()]);
    requests.sort(() => Math.random() - 0.5);
    const times = await Promise.all(
      requests.map(async ([name, send]) => {
        const started = performance.now();
        await send();
        return [name, performance.now() - started] as const;
      }),
    );
    const middle = median(times.map(([, ms]) => ms));
    for (const [name, ms] of times) relative[name].push(ms / middle);
    all.push(Object.fromEntries(times.map(([name, ms]) => [name, Math.round(ms)])) as Record<K, number>);
  }
  const medians = Object.fromEntries(names.map((k) => [k, median(relative[k])])) as Record<K, number>;
  const values = Object.values<number>(medians);
  return { relative: medians, spread: Math.max(...values) / Math.min(...values), rounds: all };
}
