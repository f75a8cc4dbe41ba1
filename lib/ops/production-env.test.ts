import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { cryptoRandom } from "../random";
import { productionEnvText } from "./production-env";

describe("productionEnvText", () => {
  it("writes settings the production rules accept, with distinct fresh secrets, loopback and the local proxy", () => {
    const text = productionEnvText({ appUrl: "https://rollcall.example.edu", databaseUrl: "postgresql://rollcall:pw@127.0.0.1:5432/rollcall" }, cryptoRandom);
    const env = parseEnv(text);
    const config = parseConfig({ ...env, APP_ENV: "production" });
    expect(config).toMatchObject({ APP_URL: "https://rollcall.example.edu", HOST: "127.0.0.1", TRUSTED_PROXIES: ["127.0.0.2"] });
    const secrets = [env.SECRET_KEY, env.QR_SIGNING_SECRET, env.NEXTAUTH_SECRET];
    for (const s of secrets) expect(s).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(secrets).size).toBe(3);
    for (const line of text.split("\n").filter((l) => !l.startsWith("#"))) expect(line).not.toMatch(/\$\(|`/); // nothing a shell would have to run
    const again = parseEnv(productionEnvText({ appUrl: "https://x.example.edu", databaseUrl: "file:./data/rollcall.db", backupDir: "/var/backups/rollcall" }, cryptoRandom));
    expect(again.SECRET_KEY).not.toBe(env.SECRET_KEY);
    expect(again.BACKUP_DIR).toBe("/var/backups/rollcall");
  });
});
