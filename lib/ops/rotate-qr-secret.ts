// Rotate QR_SIGNING_SECRET (docs/deployment.md#rotating-the-qr-signing-secret), two procedures:
// - routine: the new secret becomes QR_SIGNING_SECRET and the old one QR_SIGNING_SECRET_PREVIOUS.
//   Nothing is revoked; instances sign with the new secret once every running instance knows it
//   (lib/qr/signing-keys.ts), so a rolling restart never refuses a valid code.
// - compromise: a new secret, no previous one; the old key ids are revoked in the database and
//   every code signed with them (whatever its age, and codes from before key ids), so every
//   instance refuses old-secret codes at once, before any restart: the mark path checks the
//   stored row's revocation and expiry, which a leaked secret cannot re-sign.
// The env file is rewritten atomically (0600); the rotation is audited by key id, never the secret.
import fs from "node:fs";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { qrKeyId } from "../qr/token";
import { transact } from "../transact";

export type RotationKind = "routine" | "compromise";

/** Pure: `text` (a .env file) with KEY set to value, replacing an existing line or appending. */
export function setEnvValue(text: string, key: string, value: string): string {
  const line = `${key}=${value}`;
  const pattern = new RegExp(`^\\s*(export\\s+)?${key}\\s*=.*$`, "m");
  if (pattern.test(text)) return text.replace(pattern, line);
  return `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`;
}

/** Pure: `text` without any KEY= line. */
export function removeEnvValue(text: string, key: string): string {
  return text.replace(new RegExp(`^\\s*(export\\s+)?${key}\\s*=.*(\\n|$)`, "gm"), "");
}

/** Pure: the value of KEY in a .env text, if set. */
export function envValue(text: string, key: string): string | undefined {
  const m = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=\\s*(.*)$`, "m").exec(text);
  return m ? m[1]!.trim().replace(/^(["'])(.*)\1$/, "$2") : undefined;
}

/** Pure: the env file after a rotation to `fresh`. */
export function rotatedEnv(text: string, kind: RotationKind, fresh: string, oldSecret: string): string {
  const withNew = setEnvValue(text, "QR_SIGNING_SECRET", fresh);
  return kind === "routine" ? setEnvValue(withNew, "QR_SIGNING_SECRET_PREVIOUS", oldSecret) : removeEnvValue(withNew, "QR_SIGNING_SECRET_PREVIOUS");
}

export async function rotateQrSigningSecret(ctx: Ctx, envFile: string, kind: RotationKind) {
  const text = fs.existsSync(envFile) ? fs.readFileSync(envFile, "utf8") : "";
  // the env file is what the instances will read; fall back to this process's settings
  const oldSecret = envValue(text, "QR_SIGNING_SECRET") || ctx.config.QR_SIGNING_SECRET;
  const oldPrevious = envValue(text, "QR_SIGNING_SECRET_PREVIOUS") || ctx.config.QR_SIGNING_SECRET_PREVIOUS;
  let secret = ctx.random.bytes(32).toString("hex");
  while ([ctx.config.SECRET_KEY, oldSecret, oldPrevious].includes(secret)) secret = ctx.random.bytes(32).toString("hex");
  const tmp = `${envFile}.tmp`;
  fs.writeFileSync(tmp, rotatedEnv(text, kind, secret, oldSecret), { mode: 0o600 });
  fs.renameSync(tmp, envFile);
  const newKeyId = qrKeyId(secret);
  const oldKeyIds = [oldSecret, oldPrevious].filter((s): s is string => !!s).map(qrKeyId);
  const now = ctx.clock.now();
  const revoked = await transact(ctx, async (tx) => {
    await tx.qrSigningKey.upsert({ where: { keyId: newKeyId }, create: { keyId: newKeyId, firstSeenAt: now }, update: {} });
    let count = 0;
    if (kind === "compromise") {
      // the key rows first: an instance issuing a code right now holds its key's row (assertKeyUsable)
      for (const keyId of oldKeyIds) {
        await tx.qrSigningKey.upsert({ where: { keyId }, create: { keyId, firstSeenAt: now, revokedAt: now }, update: { revokedAt: now } });
      }
      ({ count } = await tx.qrSession.updateMany({ where: { revokedAt: null, OR: [{ keyId: { in: oldKeyIds } }, { keyId: null }] }, data: { revokedAt: now } }));
    }
    await recordAudit(tx, ctx, {
      action: "secret_rotated",
      targetType: "secret",
      targetId: "QR_SIGNING_SECRET",
      details: { kind, new_key_id: newKeyId, old_key_ids: oldKeyIds, revoked_codes: count, env_file: envFile },
    });
    return count;
  });
  return { kind, revoked, envFile, newKeyId, oldKeyIds };
}
