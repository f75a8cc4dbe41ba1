// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and Prisma packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["bcrypt", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  // The app's own folder is the root, also for a release built or started in a folder nested in
  // another project (npm run release; Next otherwise guesses from the outermost lockfile).
  turbopack: { root: __dirname },
  // The build checks types, except in the test command (npm run test:all), where the typecheck is
  // its own step running beside the build.
  typescript: { ignoreBuildErrors: process.env.ROLLCALL_BUILD_SKIPS_TYPECHECK === "1" },
  // forbidden() renders app/forbidden.tsx with a 403: pages a role may not open (docs/design.md#roles-and-permissions)
  experimental: { authInterrupts: true },
};

module.exports = nextConfig;
