import type { Role } from "@/db/schema";

// The one permission table: who may do what in a workspace. The README shows it.
export const PERMISSIONS = {
  "campaigns.view": ["owner", "admin", "member", "viewer"],
  "campaigns.create": ["owner", "admin", "member"],
  "connection.manage": ["owner", "admin"],
  "members.view": ["owner", "admin", "member", "viewer"],
  "members.manage": ["owner", "admin"],
  "workspace.edit": ["owner", "admin"],
  "workspace.delete": ["owner"],
  "audit.read": ["owner", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function higherRole(a: Role | null, b: Role | null): Role | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** An agency member's role in each of the agency's clients follows their agency role. */
export function roleThroughAgency(agencyRole: Role): Role {
  return agencyRole === "owner" ? "admin" : agencyRole;
}
