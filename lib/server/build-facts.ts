// What the request gate in server.ts needs to know about the build it serves: the files served
// as is (public/) and the server actions Next compiled (.next/server/server-reference-manifest.json).
import fs from "node:fs";
import path from "node:path";
import { serverActionPages } from "./method-gate";

/** URL paths of every file under public/ ("/manifest.webmanifest", "/icons/icon-192.png"). */
export function publicFilePaths(root: string): Set<string> {
  const dir = path.join(root, "public");
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.add("/" + path.relative(dir, p).split(path.sep).join("/"));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** The server actions of this build, by page (lib/server/method-gate.ts). */
export function serverActionsOfBuild(root: string): ReturnType<typeof serverActionPages> {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  return serverActionPages(fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {});
}
