// The JSON shape of a passkey (snake_case, like the rest of the API). Never the public key or
// the credential id: a client has no use for them.
import type { PasskeyOut } from "./schemas";

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  deviceType: string;
  backedUp: boolean;
  transports: string;
}

export const passkeySelect = { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true, transports: true } as const;

export function presentPasskey(p: PasskeyRow): PasskeyOut {
  return {
    id: p.id,
    name: p.name,
    created_at: p.createdAt.toISOString(),
    last_used_at: p.lastUsedAt?.toISOString() ?? null,
    device_type: p.deviceType === "multiDevice" ? "multiDevice" : "singleDevice",
    backed_up: p.backedUp,
    transports: p.transports ? p.transports.split(",") : [],
  };
}
