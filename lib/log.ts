// Structured logs: one JSON line per event, through pino, to stdout (errors to stderr), for
// journald (docs/deployment.md#logs). `log(level, msg, fields)` is the one call-site API. Every
// line passes through the one redaction step (lib/security/redact.ts) before pino sees it, so a
// database URL, a token or a QR MAC in a message, a field or an error's stack never reaches the
// journal. Each line carries the instance that wrote it (set by server.ts).
//
// The logger state lives on globalThis: server.ts (run by tsx) and the Next.js bundle each load
// their own copy of this module, and both must write through one logger with one identity.
import { format } from "node:util";
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig } from "./config";
import { redactSecrets, redactValue } from "./security/redact";

export type Level = "debug" | "info" | "warn" | "error";

interface LogState {
  /** bound to every line: which instance wrote it */
  identity: Record<string, string>;
  logger?: Logger;
  /** tests: write here instead of stdout/stderr */
  destination?: DestinationStream;
}

const STATE = Symbol.for("rollcall.log");
function state(): LogState {
  const g = globalThis as unknown as Record<symbol, LogState | undefined>;
  return (g[STATE] ??= { identity: {} });
}

function threshold(): Level | "silent" {
  try {
    return getConfig().LOG_LEVEL;
  } catch {
    return "info"; // config not loadable yet: still log
  }
}

/** pino, configured once per process: ISO time, the level as a word, no pid/hostname noise. */
export function createLogger(destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: "debug", // the threshold is applied per call (LOG_LEVEL may be read after the first line)
    base: null,
    messageKey: "msg",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (destination) return pino(options, destination);
  // synchronous writes: a line written just before process.exit (a CLI, a stopping server) is not lost
  const streams = pino.multistream(
    [
      { level: "debug", stream: pino.destination({ fd: 1, sync: true }) },
      { level: "error", stream: pino.destination({ fd: 2, sync: true }) },
    ],
    { dedupe: true },
  );
  return pino(options, streams);
}

function logger(): Logger {
  const s = state();
  s.logger ??= createLogger(s.destination);
  return s.logger;
}

const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** One JSON line: time, level, this instance, `msg` and `fields` — all redacted. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[threshold()]) return;
  const s = state();
  logger()[level]({ ...s.identity, ...redactValue(fields) }, redactSecrets(msg));
}

/** Name the instance on every later line (server.ts, before it serves). */
export function setLogIdentity(identity: Record<string, string>): void {
  state().identity = { ...identity };
}

/** Tests: send lines to `destination` (undefined: back to stdout/stderr). */
export function setLogDestination(destination: DestinationStream | undefined): void {
  const s = state();
  s.destination = destination;
  s.logger = undefined;
}

/** Errors become {name, message, stack} so they survive JSON (log() redacts them like any field). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: { name: error.name, message: error.message, stack: error.stack } };
  return { error: String(error) };
}

/**
 * Send console.* through log(): what Next.js or a library prints becomes a JSON line with this
 * instance's name, redacted like every other line (server.ts, the long-running process only;
 * command-line scripts keep the console for their output).
 */
export function routeConsoleToLog(): void {
  const levels = { debug: "debug", log: "info", info: "info", warn: "warn", error: "error" } as const;
  for (const [method, level] of Object.entries(levels)) {
    console[method as keyof typeof levels] = (...args: unknown[]) => log(level, format(...args));
  }
}
