// What a DATABASE_URL names. Pure; shared by the app, the scripts and the Prisma CLI's adapters.
import path from "node:path";

/** The absolute path of a SQLite `file:` URL (relative paths resolve against the current folder). */
export function sqliteFileOf(url: string): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return file === ":memory:" ? file : path.resolve(file);
}
