// Next.js configuration. PGlite ships WebAssembly it loads from its own folder, and postgres.js,
// nodemailer, pino and prom-client are Node-only: all stay outside the server bundle. The build is
// standalone (.next/standalone: server.js with only the node_modules it uses), which the Dockerfile ships
// and `npm start` runs (scripts/start.ts).

const production = process.env.NODE_ENV === "production";

/** Headers on every answer, pages and API alike (the page CSP, with its nonce, comes from proxy.ts). */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer", "pino", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
