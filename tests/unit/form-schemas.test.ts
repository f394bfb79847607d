import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The forms validate with lib/**/schemas.ts, the same schemas the routes parse with, and the browser loads
// them: they import nothing that needs a server.

const BROWSER_SAFE = new Set(["zod", "@/lib/auth/roles"]); // roles.ts has no imports

describe("schemas shared by forms and routes", () => {
  it("import only zod, types, the roles and each other", () => {
    const files = readdirSync("lib")
      .map((dir) => `lib/${dir}/schemas.ts`)
      .filter(existsSync);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const imports = [...readFileSync(file, "utf8").matchAll(/^import (type )?.*from "([^"]+)";$/gm)];
      for (const [line, typeOnly, from] of imports) {
        expect(typeOnly || BROWSER_SAFE.has(from) || from.endsWith("/schemas"), `${file}: ${line}`).toBeTruthy();
      }
    }
  });
});
