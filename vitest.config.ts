import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests: PGlite in memory per test file, or a fresh PostgreSQL database per test
// file when DATABASE_URL is set; the sandbox Nedzo over real HTTP.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    setupFiles: ["tests/helpers/setup.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test" },
  },
});
