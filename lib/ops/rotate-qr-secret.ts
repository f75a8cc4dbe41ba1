// Rotate QR_SIGNING_SECRET: a new random secret in the env file, every live code revoked,
// the rotation audited (never the secret itself). Running servers pick the secret up on restart.
import fs from "node:fs";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { revokeAllQrSessions } from "../qr/revoke-all";

/** Pure: `text` (a .env file) with KEY set to value, replacing an existing line or appending. */
export function setEnvValue(text: string, key: string, value: string): string {
  const line = `${key}=${value}`;
  const pattern = new RegExp(`^\\s*(export\\s+)?${key}\\s*=.*$`, "m");
  if (pattern.test(text)) return text.replace(pattern, line);
  return `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`;
}

export async function rotateQrSigningSecret(ctx: Ctx, envFile: string) {
  let secret = ctx.random.bytes(32).toString("hex");
  while (secret === ctx.config.SECRET_KEY) secret = ctx.random.bytes(32).toString("hex");
  const text = fs.existsSync(envFile) ? fs.readFileSync(envFile, "utf8") : "";
  const tmp = `${envFile}.tmp`;
  fs.writeFileSync(tmp, setEnvValue(text, "QR_SIGNING_SECRET", secret), { mode: 0o600 });
  fs.renameSync(tmp, envFile);
  const revoked = await revokeAllQrSessions(ctx, null, "secret_rotated");
  await recordAudit(ctx.db, ctx, { action: "secret_rotated", targetType: "secret", targetId: "QR_SIGNING_SECRET", details: { revoked_codes: revoked, env_file: envFile } });
  return { revoked, envFile };
}
