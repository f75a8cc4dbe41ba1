// `npm run admin:create` takes the password from standard input (or a prompt without echo),
// never from the command line, where it would show in the terminal, `ps` and shell history.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { post, uniqueIp } from "../support/api";
import { uniqueEmail } from "../support/db";
import { ROOT } from "../support/test-server";

function adminCreate(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/admin-create.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...inject("serverEnv"), APP_ENV: "test", LOG_LEVEL: "warn" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("admin:create", () => {
  it("reads the password from standard input; the new admin can sign in with it", async () => {
    const email = uniqueEmail("cli-admin");
    const password = "Stdin-Only-Password-42";
    const res = await adminCreate(["--email", email, "--name", "Ops Admin"], `${password}\nignored second line\n`);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`created admin ${email}`);
    expect(res.stdout + res.stderr).not.toContain(password);
    const login = await post("/api/auth/login", { email, password }, { ip: uniqueIp() });
    expect(login.status, login.text).toBe(200);
  }, 60_000);

  it("refuses --password and an empty password", async () => {
    const argv = await adminCreate(["--email", uniqueEmail("cli-admin"), "--password", "Visible-Password-42"], "");
    expect(argv.code).toBe(1);
    expect(argv.stderr).toContain("--password is not accepted");
    const empty = await adminCreate(["--email", uniqueEmail("cli-admin")], "\n");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("no password given");
  }, 60_000);
});
