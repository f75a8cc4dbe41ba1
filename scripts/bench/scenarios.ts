// The benchmark's scenarios (issue 6): a lecture-hall burst, the burst during a login storm,
// the burst during a passkey sign-in storm (issue 11), a big hall, and steady classroom
// traffic. Each returns one Recorder per endpoint.
import { clientIp, spread, steady, type LoadClient } from "./client";
import { Recorder } from "./stats";
import type { Seed, SeededUser } from "./seed";
import { BENCH_PASSWORD, createBenchEvent } from "./seed";
import { passkeySignIn, type PasskeyClient } from "./passkeys";

const now = () => performance.now();
export const markOk = (s: number) => s === 201 || s === 200;

/** The projector: a new code every `rotationSeconds`, like the projector page does. */
function projector(client: LoadClient, admin: SeededUser, eventId: string, rotationSeconds: number) {
  let current: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const issue = async () => {
    const res = await client.request("POST", "/api/admin/qr-sessions", { json: { event_id: eventId }, token: admin.accessToken });
    if (res.status !== 201 && res.status !== 200) throw new Error(`could not issue a QR code: ${res.status} ${JSON.stringify(res.body)}`);
    current = (res.body as { qr_payload: string }).qr_payload;
  };
  return {
    async start() {
      await issue();
      timer = setInterval(() => void issue().catch((e: unknown) => console.error(String(e))), rotationSeconds * 1000);
    },
    payload: () => current!,
    stop: () => clearInterval(timer),
  };
}

export interface MarkAllOptions {
  /** record into this (several rooms marking at once, one figure), else a new Recorder */
  recorder?: Recorder;
  /** the first student's client address number (clientIp(0, firstIp + i)), so rooms marking at once come from distinct phones */
  firstIp?: number;
}

/** Every student marks once, spread over `seconds`, on a new event (or the one given); seed.admin projects the codes. */
export async function markAll(client: LoadClient, seed: Seed, students: SeededUser[], seconds: number, label: string, rotationSeconds: number, onEvent?: string, opts: MarkAllOptions = {}) {
  const eventId = onEvent ?? (await createBenchEvent(seed, label));
  const qr = projector(client, seed.admin, eventId, rotationSeconds);
  await qr.start();
  const rec = opts.recorder ?? new Recorder(label, "POST /api/attendance/mark", markOk);
  const firstIp = opts.firstIp ?? 0;
  try {
    await spread(students.length, seconds, async (i) => {
      const t0 = now();
      const res = await client.request("POST", "/api/attendance/mark", { json: { qr_payload: qr.payload() }, token: students[i]!.accessToken, ip: clientIp(0, firstIp + i) });
      rec.record(t0, now(), res.status, res.body);
    });
  } finally {
    qr.stop();
  }
  return rec;
}

/**
 * Warm-up, not measured: a fresh server compiles each route on first use and the JIT is cold.
 * A few students mark on a throw-away event (and a few reads) before the first measured scenario.
 */
export async function warmUp(client: LoadClient, seed: Seed, rotation: number) {
  const extra = seed.students.slice(-20);
  await markAll(client, seed, extra, 1, "warm-up", rotation);
  await Promise.all(extra.map((s) => client.request("GET", "/api/notifications", { token: s.accessToken })));
  await client.request("GET", `/api/events/${seed.eventId}/attendance`, { token: seed.admin.accessToken });
}

export async function burst(client: LoadClient, seed: Seed, n: number, seconds: number, rotation: number) {
  return [(await markAll(client, seed, seed.students.slice(0, n), seconds, "burst", rotation)).result()];
}

/** The burst while 20 logins/s hit /api/auth/login, half with a wrong password. */
export async function burstWithStorm(client: LoadClient, seed: Seed, n: number, seconds: number, rotation: number) {
  const good = new Recorder("burst+storm", "POST /api/auth/login (correct)", (s) => s === 200);
  const bad = new Recorder("burst+storm", "POST /api/auth/login (wrong password)", (s) => s === 401 || s === 429);
  const storm = steady(20, seconds, async (i) => {
    const student = seed.students[i % seed.students.length]!;
    const wrong = i % 2 === 1;
    const t0 = now();
    const res = await client.request("POST", "/api/auth/login", {
      json: { email: student.email, password: wrong ? "Wrong-Password-1!" : BENCH_PASSWORD },
      // good logins come from many phones; bad ones from a few attackers' addresses
      ip: wrong ? clientIp(2, i % 3) : clientIp(1, i),
    });
    (wrong ? bad : good).record(t0, now(), res.status, res.body);
  });
  const marks = await markAll(client, seed, seed.students.slice(0, n), seconds, "burst+storm", rotation);
  await storm;
  return [marks.result(), good.result(), bad.result()];
}

/**
 * The burst while 20 passkey sign-ins per second arrive from students' phones (distinct
 * addresses): the same load as the password storm's, without bcrypt.
 */
export async function burstWithPasskeys(client: LoadClient, seed: Seed, passkeys: PasskeyClient[], n: number, seconds: number, rotation: number) {
  // unmeasured, like the warm-up: the first request to a route loads its module (the WebAuthn library)
  for (const who of passkeys.slice(0, 3)) await passkeySignIn(client, who, clientIp(5, 9999));
  const signIn = new Recorder("burst+passkeys", "passkey sign-in (options + verify)", (s) => s === 200);
  const verify = new Recorder("burst+passkeys", "POST /api/auth/passkeys/login/verify", (s) => s === 200);
  const storm = steady(20, seconds, async (i) => {
    const who = passkeys[i % passkeys.length]!;
    const ip = clientIp(5, i);
    const t0 = now();
    const { options, verify: answer, verifyStartedMs } = await passkeySignIn(client, who, ip);
    const t1 = now();
    if (!answer) {
      signIn.record(t0, t1, options.status, options.body);
      return;
    }
    signIn.record(t0, t1, answer.status, answer.body);
    verify.record(verifyStartedMs, t1, answer.status, answer.body);
    const body = answer.body as { user?: { id?: string } } | null;
    if (answer.status === 200 && body?.user?.id !== who.student.id) throw new Error("a passkey signed in the wrong student");
  });
  const marks = await markAll(client, seed, seed.students.slice(0, n), seconds, "burst+passkeys", rotation);
  await storm;
  return [marks.result(), signIn.result(), verify.result()];
}

export async function bigHall(client: LoadClient, seed: Seed, n: number, seconds: number, rotation: number) {
  return [(await markAll(client, seed, seed.students.slice(0, n), seconds, "big hall", rotation)).result()];
}

/** Refreshes, roster reads and notification polls at a classroom's rate. */
export async function steadyTraffic(client: LoadClient, seed: Seed, seconds: number) {
  const refresh = new Recorder("steady", "POST /api/auth/refresh");
  const roster = new Recorder("steady", "GET /api/events/{id}/attendance");
  const notes = new Recorder("steady", "GET /api/notifications");
  const tokens = seed.students.map((s) => ({ ...s }));
  await Promise.all([
    steady(2, seconds, async (i) => {
      const s = tokens[i % tokens.length]!;
      const t0 = now();
      const res = await client.request("POST", "/api/auth/refresh", { json: { refresh_token: s.refreshToken }, ip: clientIp(3, i) });
      refresh.record(t0, now(), res.status, res.body);
      if (res.status === 200) {
        const body = res.body as { access_token: string; refresh_token: string };
        s.accessToken = body.access_token;
        s.refreshToken = body.refresh_token;
      }
    }),
    steady(1, seconds, async () => {
      const t0 = now();
      const res = await client.request("GET", `/api/events/${seed.eventId}/attendance`, { token: seed.admin.accessToken });
      roster.record(t0, now(), res.status, res.body);
    }),
    steady(10, seconds, async (i) => {
      const s = tokens[i % tokens.length]!;
      const t0 = now();
      const res = await client.request("GET", "/api/notifications", { token: s.accessToken, ip: clientIp(4, i) });
      notes.record(t0, now(), res.status, res.body);
    }),
  ]);
  return [refresh.result(), roster.result(), notes.result()];
}
