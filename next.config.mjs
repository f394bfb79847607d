// Next.js configuration. PGlite ships WebAssembly it loads from its own folder, and postgres.js and
// nodemailer are Node-only: all stay outside the server bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
