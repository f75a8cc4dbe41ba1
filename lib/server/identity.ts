// Which running instance this process is: its heartbeat id (server_instances.id), a name an
// operator recognises (host:port, the systemd unit's instance) and when it started. Set by
// server.ts before it serves; read by the log lines and by /api/admin/metrics, whose latencies
// are this instance's own (docs/deployment.md#logs). Kept on globalThis: server.ts and the
// Next.js bundle load separate copies of this module.
import os from "node:os";

export interface InstanceIdentity {
  id: string;
  name: string;
  startedAt: Date;
}

const KEY = Symbol.for("rollcall.instance");
type Holder = Record<symbol, InstanceIdentity | undefined>;

export function setInstanceIdentity(identity: InstanceIdentity): void {
  (globalThis as unknown as Holder)[KEY] = identity;
}

/** This process's identity; outside server.ts (scripts, `next dev`), its host and port with no id. */
export function instanceIdentity(port: number): InstanceIdentity {
  return (globalThis as unknown as Holder)[KEY] ?? { id: "unregistered", name: instanceName(port), startedAt: new Date(Date.now() - process.uptime() * 1000) };
}

export function instanceName(port: number): string {
  return `${os.hostname()}:${port}`;
}
