import { roles, type Role } from "./roles";

// Every permission decision: the one table of who may do what in a workspace (the README shows it), and the
// rules that also depend on the seat acted on or on how the actor is seated (directly or through an agency).
// Routes (lib/api/guard.ts), services and pages all ask here; nothing else compares roles.

export const PERMISSIONS = {
  "campaigns.view": ["owner", "admin", "member", "viewer"],
  "campaigns.create": ["owner", "admin", "member"],
  "connection.manage": ["owner", "admin"],
  "members.view": ["owner", "admin", "member", "viewer"],
  /** leave the workspace (the last owner excepted); removing someone else is members.manage, see mayChangeSeat */
  "members.leave": ["owner", "admin", "member", "viewer"],
  /** invite, change roles, remove people, resend and revoke invitations */
  "members.manage": ["owner", "admin"],
  /** grant or take away `owner`, remove an owner, invite an owner */
  "members.manage_owners": ["owner"],
  /** an agency's: limit a member or viewer to chosen clients, and see who is limited */
  "members.limit_clients": ["owner", "admin"],
  /** an agency's: add clients, and see the clients that suspended the agency */
  "clients.manage": ["owner", "admin"],
  /** a client's own (direct) owner: suspend or restore the agency's access, see mayManageAgencyAccess */
  "agency_access.manage": ["owner"],
  "workspace.edit": ["owner", "admin"],
  "workspace.delete": ["owner"],
  "audit.read": ["owner", "admin"],
  /** see contact numbers whole (viewers see the last 4 digits) and open transcripts and recordings */
  "calls.view_contacts": ["owner", "admin", "member"],
  /** ask for a sync now */
  "sync.request": ["owner", "admin", "member"],
  /** see, rotate and install the workspace's webhook URL (it is a secret) */
  "webhook.manage": ["owner", "admin"],
  /** download CSV exports of campaigns and calls */
  "exports.download": ["owner", "admin", "member"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** How someone holds their role in a workspace: their own seat, or through the agency that owns it. */
type Seated = { role: Role; via: "direct" | "agency" };

/**
 * Whether `actor` may move a seat from `from` to `to`: invite (`from` null), change a role, or remove someone
 * (`to` null). Where `owner` is given or taken, owners only.
 */
export function mayChangeSeat(actor: Role, from: Role | null, to: Role | null): boolean {
  if (!can(actor, "members.manage")) return false;
  return (from !== "owner" && to !== "owner") || can(actor, "members.manage_owners");
}

/** The roles `actor` may give (an invitation, a role change), in rank order. */
export function grantableRoles(actor: Role): Role[] {
  return roles.filter((role) => mayChangeSeat(actor, null, role));
}

/** Through the agency, staff give a client its first owner, members and viewers — never an admin. */
export function agencyStaffMayGrant(to: Role, from: Role | null = null): boolean {
  return to !== "admin" || from === "admin";
}

/** A change that takes `owner` away from a seat (a demotion, a removal): never the last owner's (409). */
export function takesOwnership(from: Role, to: Role | null): boolean {
  return from === "owner" && to !== "owner";
}

/** A client limit is for members and viewers: owners and admins could lift it themselves. */
export function mayBeLimitedToClients(role: Role): boolean {
  return !can(role, "members.limit_clients");
}

/** An owner of the workspace's own (not agency staff): a client with one is run by its own people. */
export function ownsWorkspace(seat: Seated): boolean {
  return seat.via === "direct" && can(seat.role, "members.manage_owners");
}

/**
 * The roles someone may invite: their own people by the grant rules; agency staff only while the client has
 * no owner of its own — its first owner, members and viewers (lib/invitations/right.ts enforces it).
 */
export function invitableRoles(seat: Seated, clientHasOwnOwner: boolean): Role[] {
  if (seat.via === "direct") return grantableRoles(seat.role);
  return clientHasOwnOwner || !can(seat.role, "members.manage") ? [] : roles.filter((role) => agencyStaffMayGrant(role));
}

/** Only a client's own owner (not agency staff, whatever their role) suspends or restores the agency. */
export function mayManageAgencyAccess(seat: Seated): boolean {
  return seat.via === "direct" && can(seat.role, "agency_access.manage");
}

/** Clients are added by the agency's own owners and admins (directly seated there). */
export function mayAddClient(seat: Seated): boolean {
  return seat.via === "direct" && can(seat.role, "clients.manage");
}
