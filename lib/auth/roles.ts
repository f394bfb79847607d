// The four roles and their ranking. No imports: db/ reads it (the one module of lib/ it may import), and so
// can the browser.

export const roles = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof roles)[number];

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** The higher of two roles (null when neither is held): a person's role is the best of their seats. */
export function higherRole(a: Role | null, b: Role | null): Role | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** An agency member's role in each of the agency's clients follows their agency role (owner → admin). */
export function roleThroughAgency(agencyRole: Role): Role {
  return agencyRole === "owner" ? "admin" : agencyRole;
}
