import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensurePrivateDir, ensurePrivateFile, modeOf, preparePrivateSqliteFile } from "./private-files";

let root: string;
let umask: number;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "rollcall-modes-"));
  umask = process.umask(0o022); // the usual umask, which would give 0644 / 0755
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(root, { recursive: true, force: true });
});

describe("private files", () => {
  it("creates the SQLite file 0600 and its missing folders 0700", () => {
    const file = path.join(root, "data", "nested", "rollcall.db");
    preparePrivateSqliteFile(file);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(modeOf(path.join(root, "data"))).toBe(0o700);
    expect(fs.statSync(file).size).toBe(0); // SQLite treats an empty file as a new database
  });

  it("tightens an existing world-readable database file but keeps its content", () => {
    const file = path.join(root, "old.db");
    fs.writeFileSync(file, "content", { mode: 0o644 });
    preparePrivateSqliteFile(file);
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe("content");
    expect(modeOf(root)).toBe(0o700); // mkdtemp's own mode: an existing folder is left alone
  });

  it("tightens an existing dedicated folder only when asked", () => {
    const shared = path.join(root, "shared");
    const dedicated = path.join(root, "backups");
    fs.mkdirSync(shared, { mode: 0o755 });
    fs.mkdirSync(dedicated, { mode: 0o755 });
    ensurePrivateDir(shared, { tighten: false });
    ensurePrivateDir(dedicated, { tighten: true });
    expect(modeOf(shared)).toBe(0o755);
    expect(modeOf(dedicated)).toBe(0o700);
  });

  it("creates an empty private file once and leaves a private one as it is", () => {
    const file = path.join(root, "x.partial");
    ensurePrivateFile(file);
    fs.writeFileSync(file, "data");
    ensurePrivateFile(file);
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe("data");
  });
});
