// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and Prisma packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["bcrypt", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  // Typecheck and lint run as their own steps of the test command.
  typescript: { ignoreBuildErrors: false },
};

module.exports = nextConfig;
