import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

// Next's rules (core web vitals + TypeScript), and Drizzle's: no delete or update without a where.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "getDb()"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "getDb()"] }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // tests and benches are not React: their use* helpers are vitest fixtures, not hooks
  { files: ["tests/**", "bench/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  globalIgnores([".next/**", "node_modules/**", ".data/**", "db/migrations/**", "next-env.d.ts", "bench/results/**"]),
]);
