import path from "node:path";
import { defineConfig } from "vitest/config";

// Browser tests: Chromium (Debian's) drives the built app, started by the test on a free port.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
