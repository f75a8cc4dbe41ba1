// Build step: server.ts and the lib/ code it imports, compiled once into .next/rollcall-server.cjs,
// the file `npm start`, deploy/systemd/rollcall@.service and the tests run. Packages stay in
// node_modules (required at run time, as before); only this repository's TypeScript is bundled.
// Starting from the bundle costs about half the CPU of compiling server.ts through tsx's loader at
// every start (docs/performance.md, "The test loop"), and the server runs exactly what was built.
//
// CommonJS, as tsx ran server.ts (package.json has no "type": "module"). The generated Prisma
// clients read import.meta.url for their folder: in the bundle that is the bundle's own URL.
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SERVER_BUNDLE = ".next/rollcall-server.cjs"; // the same path as SERVER_BUNDLE in tests/support/test-server.ts

await build({
  absWorkingDir: root,
  entryPoints: ["server.ts"],
  outfile: SERVER_BUNDLE,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // every package is loaded from node_modules at run time: native addons, Next.js and Prisma's
  // runtime find their own files there, and `npm ci` decides their versions, not this bundle
  packages: "external",
  tsconfig: "tsconfig.json",
  define: { "import.meta.url": "__rollcallBundleUrl" },
  banner: { js: 'const __rollcallBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // Not minified: a stack trace names this repository's functions and the bundle's lines. The map
  // beside it leads back to the TypeScript (`node --enable-source-maps`, which costs ~0.4 s of CPU
  // at every start because it reads the maps of everything loaded, Next.js's too, so not by default).
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
  legalComments: "none",
});
