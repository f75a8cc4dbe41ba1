// What a DATABASE_URL names. Pure; shared by the app, the scripts and the Prisma CLI's adapters.
import path from "node:path";

/** The absolute path of a SQLite `file:` URL (relative paths resolve against the current folder). */
export function sqliteFileOf(url: string): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return file === ":memory:" ? file : path.resolve(file);
}

/** Which database a URL names: a SQLite file, or PostgreSQL host, port and database (not who connects). */
export function databaseTarget(url: string): string {
  if (!/^postgres(ql)?:\/\//i.test(url)) return `sqlite:${sqliteFileOf(url)}`;
  const u = new URL(url);
  const host = u.hostname || u.searchParams.get("host") || "localhost";
  return `postgresql://${host}:${u.port || "5432"}/${decodeURIComponent(u.pathname.slice(1))}`;
}

/**
 * The URL to change the schema with: MIGRATION_DATABASE_URL (the owner role, when the deployment
 * splits owner and runtime roles) if it names the same database as DATABASE_URL, else DATABASE_URL.
 * Naming another database is refused: `DATABASE_URL=<a copy> npm run db:restore` must never reach
 * the database the settings file's owner URL names.
 */
export function schemaChangeUrl(databaseUrl: string, migrationUrl: string | undefined): string {
  if (!migrationUrl) return databaseUrl;
  if (databaseTarget(migrationUrl) !== databaseTarget(databaseUrl)) {
    throw new Error(
      `MIGRATION_DATABASE_URL names ${databaseTarget(migrationUrl)} but DATABASE_URL names ${databaseTarget(databaseUrl)}: ` +
        "set MIGRATION_DATABASE_URL for the same database (or unset it to use DATABASE_URL's role).",
    );
  }
  return migrationUrl;
}
