import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  agencyStaffMayGrant,
  can,
  grantableRoles,
  invitableRoles,
  mayAddClient,
  mayBeLimitedToClients,
  mayChangeSeat,
  mayManageAgencyAccess,
  ownsWorkspace,
  PERMISSIONS,
  takesOwnership,
} from "@/lib/auth/permissions";
import { higherRole, roles, roleThroughAgency } from "@/lib/auth/roles";

// Every permission decision is lib/auth/permissions.ts's; role ranking is lib/auth/roles.ts's (no imports),
// the one module of lib/ that db/ may import.

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });

describe("permissions", () => {
  it("owners and admins manage members; only owners touch ownership", () => {
    expect(grantableRoles("owner")).toEqual(["owner", "admin", "member", "viewer"]);
    expect(grantableRoles("admin")).toEqual(["admin", "member", "viewer"]);
    expect(grantableRoles("member")).toEqual([]);
    expect(mayChangeSeat("admin", "member", "admin")).toBe(true);
    expect(mayChangeSeat("admin", "owner", "admin")).toBe(false);
    expect(mayChangeSeat("admin", "owner", null)).toBe(false);
    expect(mayChangeSeat("owner", "owner", null)).toBe(true);
    expect(mayChangeSeat("viewer", "viewer", null)).toBe(false);
    expect(can("viewer", "members.leave")).toBe(true);
  });

  it("agency rules: staff never appoint admins, limits are for members and viewers, access is the client's own owner's", () => {
    expect(agencyStaffMayGrant("admin")).toBe(false);
    expect(agencyStaffMayGrant("admin", "admin")).toBe(true);
    expect(agencyStaffMayGrant("owner")).toBe(true);
    expect(roles.filter(mayBeLimitedToClients)).toEqual(["member", "viewer"]);
    expect(mayManageAgencyAccess({ role: "owner", via: "direct" })).toBe(true);
    expect(mayManageAgencyAccess({ role: "owner", via: "agency" })).toBe(false);
    expect(mayManageAgencyAccess({ role: "admin", via: "direct" })).toBe(false);
    expect(mayAddClient({ role: "admin", via: "direct" })).toBe(true);
    expect(mayAddClient({ role: "admin", via: "agency" })).toBe(false);
    expect(invitableRoles({ role: "admin", via: "agency" }, false)).toEqual(["owner", "member", "viewer"]);
    expect(invitableRoles({ role: "admin", via: "agency" }, true)).toEqual([]);
    expect(invitableRoles({ role: "viewer", via: "agency" }, false)).toEqual([]);
    expect(invitableRoles({ role: "admin", via: "direct" }, true)).toEqual(["admin", "member", "viewer"]);
    expect(ownsWorkspace({ role: "owner", via: "direct" })).toBe(true);
    expect(ownsWorkspace({ role: "admin", via: "agency" })).toBe(false);
    expect(takesOwnership("owner", "admin")).toBe(true);
    expect(takesOwnership("owner", null)).toBe(true);
    expect(takesOwnership("admin", null)).toBe(false);
  });

  it("every permission names roles of the table, and ranking is one order", () => {
    for (const allowed of Object.values(PERMISSIONS)) for (const role of allowed) expect(roles).toContain(role);
    expect(higherRole("viewer", "admin")).toBe("admin");
    expect(higherRole(null, "member")).toBe("member");
    expect(roleThroughAgency("owner")).toBe("admin");
  });
});

describe("layering", () => {
  it("lib/auth/roles.ts imports nothing", () => {
    expect(readFileSync("lib/auth/roles.ts", "utf8")).not.toMatch(/^import /m);
  });

  it("db/ imports nothing from lib/ but the roles (and db/index.ts its settings)", () => {
    for (const file of files("db")) {
      const text = readFileSync(file, "utf8");
      for (const [, from] of text.matchAll(/from "((?:@\/|\.\.\/)lib\/[^"]+)"/g)) {
        const allowed = from.endsWith("lib/auth/roles") || (file === path.join("db", "index.ts") && from === "@/lib/env");
        expect(allowed, `${file} imports ${from}`).toBe(true);
      }
    }
  });

  it("no role is compared by name outside lib/auth/ (lib, db and the API's routes)", () => {
    const compared = /\b(role|r|\w+\.role|\w+\?\.role)\s*[!=]==\s*"(owner|admin|member|viewer)"|"(owner|admin|member|viewer)"\s*[!=]==/;
    for (const file of [...files("lib"), ...files("db"), ...files("app/api")]) {
      if (file.startsWith(path.join("lib", "auth")) || file.startsWith(path.join("lib", "nedzo", "sandbox"))) continue;
      expect(readFileSync(file, "utf8"), file).not.toMatch(compared);
    }
  });
});
