import { and, eq, gt, inArray, isNull, or, sql, type AnyColumn, type Placeholder } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { compile, getDb, type Db } from "@/db";
import { syncStates, type SyncState } from "@/db/calls-schema";
import {
  agencyMemberClients,
  nedzoConnections,
  sessions,
  users,
  workspaceMembers,
  workspaces,
  type NedzoConnection,
  type Role,
  type Workspace,
} from "@/db/schema";
import { higherRole, roleThroughAgency } from "@/lib/auth/roles";

// Membership is direct, or through the agency that owns a client workspace (unless the client's owner
// suspended the agency, or an agency admin limited the person's seat to other clients: a limited seat
// with no client listed reaches no client — a limit never fails open).

export type Membership = {
  workspace: Workspace;
  role: Role;
  via: "direct" | "agency";
  /** the agency through which the caller acts here, if they are agency staff */
  viaWorkspaceId: string | null;
};

const agency = alias(workspaces, "agency");
const agencyMember = alias(workspaceMembers, "agency_member");

/** A seat's limit admits this client: unlimited, or limited and the client is listed. */
export function limitAdmits(seat: { workspaceId: AnyColumn; userId: AnyColumn; clientsLimited: AnyColumn }, clientId: AnyColumn | string) {
  return sql`(${seat.clientsLimited} = false
    or exists (select 1 from ${agencyMemberClients} r where r.agency_id = ${seat.workspaceId} and r.user_id = ${seat.userId} and r.client_id = ${clientId}))`;
}

type Reader = Pick<Db, "select">;
/** A value, a drizzle placeholder (compiled statements), or a column (the user of a session). */
type Value = string | Placeholder | AnyColumn;

// the joins that find a person's roles in a workspace: their own seat, and their agency seat (if the
// workspace is a client of an agency that is not suspended, and the seat's limit admits this client)
const directSeat = (userId: Value) => and(eq(workspaceMembers.workspaceId, workspaces.id), eq(workspaceMembers.userId, userId));
const ownerAgency = () => and(eq(agency.id, workspaces.parentId), eq(agency.kind, "agency"), isNull(workspaces.agencyAccessSuspendedAt));
const agencySeat = (userId: Value) =>
  and(
    eq(agencyMember.workspaceId, agency.id),
    eq(agencyMember.userId, userId),
    // an agency admin may have limited this person to chosen clients
    limitAdmits(agencyMember, workspaces.id),
  );

function membershipQuery(userId: Value, db: Reader = getDb()) {
  return db
    .select({
      workspace: workspaces,
      directRole: workspaceMembers.role,
      agencyRole: agencyMember.role,
      agencyId: agency.id,
    })
    .from(workspaces)
    .leftJoin(workspaceMembers, directSeat(userId))
    .leftJoin(agency, ownerAgency())
    .leftJoin(agencyMember, agencySeat(userId));
}

type Row = { workspace: Workspace; directRole: Role | null; agencyRole: Role | null; agencyId: string | null };

function toMembership(row: Row): Membership | null {
  const throughAgency = row.agencyRole ? roleThroughAgency(row.agencyRole) : null;
  const role = higherRole(row.directRole, throughAgency);
  if (!role) return null;
  if (row.directRole === role) return { workspace: row.workspace, role, via: "direct", viaWorkspaceId: null };
  return { workspace: row.workspace, role, via: "agency", viaWorkspaceId: row.agencyId };
}

const isMember = or(sql`${workspaceMembers.userId} is not null`, sql`${agencyMember.userId} is not null`);

const byIdStatement = lazy(() => compile<Row>(membershipSelect({ id: sql.placeholder("workspaceId") }, sql.placeholder("userId"))));

/** The caller's membership of one workspace, by id or slug; null for a stranger (the API answers 404).
 * Pass a transaction to read it as that transaction sees it (after its locks). */
export async function findMembership(key: { id: string } | { slug: string }, userId: string, db?: Reader): Promise<Membership | null> {
  const [row] = !db && "id" in key ? await byIdStatement().run({ workspaceId: key.id, userId }) : await membershipSelect(key, userId, db);
  return row ? toMembership(row as Row) : null;
}

/** The membership lookup as run (bench/baseline-server.ts runs this very SQL without the framework). */
export function membershipSelect(key: { id: string | Placeholder } | { slug: string }, userId: Value, db?: Reader) {
  const match = "id" in key ? eq(workspaces.id, key.id) : eq(workspaces.slug, key.slug);
  return membershipQuery(userId, db).where(and(match, isMember)).limit(1);
}

// ── Session and membership in one statement (the guard of every workspace route) ──────────────────────

/**
 * The person a session token names (unexpired) and their membership of one workspace, in one statement:
 * no row for an unknown or expired token; `member` false (the workspace's fields all null when it does not
 * exist) for a stranger.
 */
export function sessionMembershipSelect(token: string | Placeholder, workspaceId: string | Placeholder, now: Date | Placeholder) {
  return getDb()
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      workspace: workspaces,
      directRole: workspaceMembers.role,
      agencyRole: agencyMember.role,
      agencyId: agency.id,
      member: sql<boolean>`${isMember}`.as("member"),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(workspaces, eq(workspaces.id, workspaceId))
    .leftJoin(workspaceMembers, directSeat(users.id))
    .leftJoin(agency, ownerAgency())
    .leftJoin(agencyMember, agencySeat(users.id))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, now)))
    .limit(1);
}

type SessionRow = Row & { userId: string; email: string | null; name: string | null; member: boolean };

export const sessionMembershipStatement = lazy(() =>
  compile<SessionRow>(sessionMembershipSelect(sql.placeholder("token"), sql.placeholder("workspaceId"), sql.placeholder("now"))),
);

/** The values of one run of sessionMembershipStatement (times as the driver takes them). */
export const sessionMembershipValues = (token: string, workspaceId: string, now = new Date()) => ({
  token,
  workspaceId,
  now: now.toISOString(),
});

/** The session's person (null: no such unexpired session) and their membership of the workspace (null: none). */
export async function sessionMembership(
  token: string,
  workspaceId: string,
): Promise<{ user: { id: string; email: string; name: string | null } | null; membership: Membership | null }> {
  const [row] = await sessionMembershipStatement().run(sessionMembershipValues(token, workspaceId));
  if (!row?.email) return { user: null, membership: null };
  return { user: { id: row.userId, email: row.email, name: row.name }, membership: row.member ? toMembership(row) : null };
}

/** A value made on first use (compiled statements need the database handle's dialect). */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Every workspace the user can act in, agencies first, then by name. */
export async function listMemberships(userId: string): Promise<Membership[]> {
  const rows = await membershipQuery(userId)
    .where(isMember)
    .orderBy(sql`${workspaces.kind} = 'agency' desc`, workspaces.name, workspaces.id);
  return (rows as Row[]).map(toMembership).filter((m): m is Membership => m !== null);
}

const membershipListStatement = lazy(() =>
  compile<Row>(
    membershipQuery(sql.placeholder("userId"))
      .where(isMember)
      .orderBy(sql`${workspaces.kind} = 'agency' desc`, workspaces.name, workspaces.id),
  ),
);

/** listMemberships as a compiled statement (a page's switcher and guard: one per render, however many rows). */
export async function listMembershipsCompiled(userId: string): Promise<Membership[]> {
  const rows = await membershipListStatement().run({ userId });
  return rows.map(toMembership).filter((m): m is Membership => m !== null);
}

export async function connectionsFor(workspaceIds: string[]): Promise<Map<string, NedzoConnection>> {
  if (workspaceIds.length === 0) return new Map();
  const rows = await getDb().select().from(nedzoConnections).where(inArray(nedzoConnections.workspaceId, workspaceIds));
  return new Map(rows.map((r) => [r.workspaceId, r]));
}

export async function getConnection(workspaceId: string): Promise<NedzoConnection | null> {
  const [row] = await getDb().select().from(nedzoConnections).where(eq(nedzoConnections.workspaceId, workspaceId)).limit(1);
  return row ?? null;
}

type StateRow = { connection: NedzoConnection; sync: SyncState; connected: boolean; synced: boolean };

const workspaceStateStatement = lazy(() =>
  compile<StateRow>(
    getDb()
      .select({
        connection: nedzoConnections,
        sync: syncStates,
        // a left-joined row is all nulls when missing (compile does not make it null): say whether it is there
        connected: sql<boolean>`${nedzoConnections.workspaceId} is not null`.as("connected"),
        synced: sql<boolean>`${syncStates.workspaceId} is not null`.as("synced"),
      })
      .from(workspaces)
      .leftJoin(nedzoConnections, eq(nedzoConnections.workspaceId, workspaces.id))
      .leftJoin(syncStates, eq(syncStates.workspaceId, workspaces.id))
      .where(eq(workspaces.id, sql.placeholder("workspaceId"))),
  ),
);

/**
 * A workspace's Nedzo connection and its sync state (each null when there is none), in one compiled
 * statement: what every workspace page's layout shows (the banners) and its pages read again.
 */
export async function getConnectionAndSync(workspaceId: string): Promise<{ connection: NedzoConnection | null; sync: SyncState | null }> {
  const [row] = await workspaceStateStatement().run({ workspaceId });
  return { connection: row?.connected ? row.connection : null, sync: row?.synced ? row.sync : null };
}

export async function slugExists(slug: string): Promise<boolean> {
  const [row] = await getDb().select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  return Boolean(row);
}

/** A workspace's name, for attribution ("through <agency>"); callers already hold a membership that names it. */
export async function getWorkspaceName(workspaceId: string): Promise<string | null> {
  const [row] = await getDb().select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.name ?? null;
}
