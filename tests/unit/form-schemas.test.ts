import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { roles as dbRoles } from "@/db/schema";
import * as agencies from "@/lib/agencies/clients";
import { accessSchema, clientLimitSchema } from "@/lib/agencies/schemas";
import * as resolve from "@/lib/campaigns/resolve";
import { resolutionSchema } from "@/lib/campaigns/schemas";
import * as accept from "@/lib/invitations/accept";
import * as manage from "@/lib/invitations/manage";
import { acceptSchema, inviteSchema } from "@/lib/invitations/schemas";
import * as change from "@/lib/members/change";
import { roleSchema, roles } from "@/lib/members/schemas";

// The forms validate with lib/**/schemas.ts, which the browser loads: those files hold the routes' own
// schemas and import nothing that needs a server.

describe("schemas shared by forms and routes", () => {
  it("lists the roles of the database", () => {
    expect(roles).toEqual(dbRoles);
  });

  it("import only zod, types and each other (the browser loads them)", () => {
    const files = readdirSync("lib").map((dir) => `lib/${dir}/schemas.ts`).filter(existsSync);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const imports = [...readFileSync(file, "utf8").matchAll(/^import (type )?.*from "([^"]+)";$/gm)];
      for (const [line, typeOnly, from] of imports) {
        expect(typeOnly || from === "zod" || from.endsWith("/schemas"), `${file}: ${line}`).toBeTruthy();
      }
    }
  });

  // Until each route module imports its schema from schemas.ts, its own copy must answer alike.
  const samples = [
    {},
    null,
    { email: " Ana@Example.com ", role: "admin" },
    { email: "nope", role: "boss" },
    { email: "a@b.co", role: "viewer", extra: 1 },
    { role: "owner" },
    { role: 3 },
    { token: "x".repeat(12) },
    { token: "short" },
    { suspended: true },
    { suspended: "yes" },
    { client_ids: null },
    { client_ids: ["00000000-0000-4000-8000-000000000001"] },
    { client_ids: ["nope"] },
    { action: "link", nedzo_campaign_id: "00000000-0000-4000-8000-000000000001" },
    { action: "link", nedzo_campaign_id: "nope" },
    { action: "mark_failed" },
    { action: "retry", confirm: false },
    { action: "retry", confirm: true },
    { action: "other" },
  ];
  const answer = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    return r.success ? { data: r.data } : { issues: r.error.issues.map((i) => [i.path.join("."), i.message]) };
  };
  const pairs: [string, z.ZodType, Record<string, unknown>, string][] = [
    ["inviteSchema", inviteSchema, manage, "inviteSchema"],
    ["acceptSchema", acceptSchema, accept, "acceptSchema"],
    ["roleSchema", roleSchema, change, "roleSchema"],
    ["accessSchema", accessSchema, agencies, "accessSchema"],
    ["clientLimitSchema", clientLimitSchema, agencies, "clientLimitSchema"],
    ["resolutionSchema", resolutionSchema, resolve, "resolutionSchema"],
  ];
  it.each(pairs)("%s: the route module's copy, if it still has one, answers alike", (_name, shared, module, name) => {
    const own = module[name] as z.ZodType | undefined;
    if (!own || own === shared) return;
    for (const value of samples) expect(answer(shared, value), JSON.stringify(value)).toEqual(answer(own, value));
  });
});
