// The settings file of a production deployment with fresh secrets (`npm run env:production`), the
// quick start's generator made production-safe: every secret 64 hex characters and distinct, as
// lib/config.ts demands in production; values literal (a .env file runs no shell).
import type { Random } from "../random";

export interface ProductionEnvInput {
  appUrl: string;
  databaseUrl: string;
  trustedProxies?: string;
  host?: string;
  port?: number;
  backupDir?: string;
}

/** Three distinct 64-hex-character secrets. */
export function freshSecrets(random: Random): { SECRET_KEY: string; QR_SIGNING_SECRET: string; NEXTAUTH_SECRET: string } {
  const seen = new Set<string>();
  const next = () => {
    let s = random.bytes(32).toString("hex");
    while (seen.has(s)) s = random.bytes(32).toString("hex");
    seen.add(s);
    return s;
  };
  return { SECRET_KEY: next(), QR_SIGNING_SECRET: next(), NEXTAUTH_SECRET: next() };
}

/** Pure apart from `random`: the text of a production .env. */
export function productionEnvText(input: ProductionEnvInput, random: Random): string {
  const secrets = freshSecrets(random);
  const lines = [
    "# Written by `npm run env:production`. Same file on every instance; keep it 0600 and out of git.",
    "NODE_ENV=production",
    `APP_URL=${input.appUrl}`,
    `DATABASE_URL=${input.databaseUrl}`,
    `SECRET_KEY=${secrets.SECRET_KEY}`,
    `QR_SIGNING_SECRET=${secrets.QR_SIGNING_SECRET}`,
    `NEXTAUTH_SECRET=${secrets.NEXTAUTH_SECRET}`,
    "# the proxy whose X-Forwarded-For is believed: nginx on this host connects from its own address,",
    "# 127.0.0.2 (proxy_bind in deploy/nginx/rollcall.conf), so other local processes on 127.0.0.1 are not believed",
    `TRUSTED_PROXIES=${input.trustedProxies ?? "127.0.0.2"}`,
    "# behind a proxy on this host, listen on loopback only",
    `HOST=${input.host ?? "127.0.0.1"}`,
  ];
  if (input.port) lines.push(`PORT=${input.port}`);
  if (input.backupDir) lines.push(`BACKUP_DIR=${input.backupDir}`);
  return `${lines.join("\n")}\n`;
}
