import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { roles, type Role } from "../lib/auth/roles";

const createdAt = () => timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () =>
  timestamp({ withTimezone: true, precision: 3 })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

// ── Auth.js (table shapes required by @auth/drizzle-adapter) ─────────────────────────────────────
export const users = pgTable("users", {
  id: text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text(),
  email: text().unique(),
  emailVerified: timestamp({ mode: "date", withTimezone: true }),
  image: text(),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp({ mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ── Workspaces ───────────────────────────────────────────────────────────────────────────────────
export const workspaceKinds = ["team", "agency"] as const;
export type WorkspaceKind = (typeof workspaceKinds)[number];
// the roles and their ranking live in lib/auth/roles.ts (no imports: the one module of lib/ that db/ reads)
export { roles, type Role };

export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    slug: text().notNull().unique(),
    kind: text({ enum: workspaceKinds }).notNull().default("team"),
    parentId: uuid().references((): AnyPgColumn => workspaces.id, { onDelete: "restrict" }),
    timezone: text().notNull().default("UTC"),
    /** set by a client's owner: the agency's staff lose access until it is cleared */
    agencyAccessSuspendedAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.parentId)],
);

/** The clients an agency member is limited to, when their seat says `clients_limited`. */
export const agencyMemberClients = pgTable(
  "agency_member_clients",
  {
    agencyId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clientId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId, t.clientId] })],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text({ enum: roles }).notNull(),
    /** sha256 of the emailed token; the token itself is never stored */
    tokenHash: text().notNull().unique(),
    invitedBy: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp({ withTimezone: true, precision: 3 }),
    acceptedBy: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true, precision: 3 }),
    sentAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  // the list reads (created_at, id) newest first: this index backwards (see db/queries/keyset.ts)
  (t) => [index("invitations_workspace_created").on(t.workspaceId, t.createdAt, t.id)],
);

/** Append-only (a trigger refuses UPDATE and DELETE); kept when its workspace is deleted. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull(),
    action: text().notNull(),
    actorId: text(),
    actorEmail: text(),
    viaWorkspaceId: uuid(),
    targetType: text().notNull(),
    targetId: text(),
    outcome: text().notNull().default("success"),
    ip: text(),
    userAgent: text(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  // the trail reads (created_at, id) newest first: this index backwards (see db/queries/keyset.ts)
  (t) => [index("audit_events_workspace_created").on(t.workspaceId, t.createdAt, t.id)],
);

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: roles }).notNull(),
    /** agency seats only: when true, the member acts only in the clients listed in agency_member_clients
     * (none listed = none); when false, in every client. A state of its own, never inferred from rows. */
    clientsLimited: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index().on(t.userId)],
);

// ── Nedzo connection: one per workspace; the token is AES-256-GCM ciphertext, never plaintext ──────
export const nedzoModes = ["live", "sandbox"] as const;
export type NedzoMode = (typeof nedzoModes)[number];

export const nedzoConnections = pgTable("nedzo_connections", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  mode: text({ enum: nedzoModes }).notNull(),
  tokenCiphertext: text(),
  keyVersion: integer(),
  tokenLast4: text(),
  verifiedAt: timestamp({ withTimezone: true, precision: 3 }),
  createdBy: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// ── Campaign mirror: a row is written first (status queued), marked pending with sent_at in its own
// committed write just before Nedzo is called, then finalised ───────────────────────────────────
export const campaignStatuses = ["queued", "pending", "created", "failed", "unknown"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export type CampaignError = {
  /** upstream HTTP status, when Nedzo answered */
  status: number | null;
  kind: "rejected" | "not_sent" | "timeout" | "malformed" | "dropped" | "interrupted" | "unknown" | "marked_failed";
  detail: string;
  errors?: { path: string; message: string }[];
  retry_after?: number;
};

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    nedzoCampaignId: uuid(),
    status: text({ enum: campaignStatuses }).notNull().default("pending"),
    // the eight request fields, as sent
    name: text().notNull(),
    agentId: uuid().notNull(),
    startTime: time().notNull(),
    endTime: time().notNull(),
    minCallsPerHour: integer().notNull(),
    maxCallsPerHour: integer().notNull(),
    dailyUsageCap: integer(),
    maxDialsPerContact: integer(),
    /** the workspace's time zone when the campaign was created: its calling window is read in this zone */
    timezone: text().notNull().default("UTC"),
    // what Nedzo returned
    dials: integer().notNull().default(0),
    outcomeAppointmentBooked: integer().notNull().default(0),
    outcomeCallbackRequested: integer().notNull().default(0),
    outcomeDoNotCall: integer().notNull().default(0),
    outcomeFailed: integer().notNull().default(0),
    outcomeFollowUp: integer().notNull().default(0),
    outcomeNoAnswer: integer().notNull().default(0),
    outcomeNotInterested: integer().notNull().default(0),
    outcomeTransferred: integer().notNull().default(0),
    outcomeWrongNumber: integer().notNull().default(0),
    isActive: boolean(),
    totalMinUsedToday: doublePrecision().notNull().default(0),
    totalMinUsed: doublePrecision().notNull().default(0),
    totalPickups: integer().notNull().default(0),
    totalPositiveOutcomes: integer().notNull().default(0),
    upstreamRaw: jsonb(),
    error: jsonb().$type<CampaignError>(),
    // bookkeeping
    idempotencyKey: text().notNull(),
    requestHash: text().notNull(),
    /** when the create was handed to the network (committed before the call); null while queued */
    sentAt: timestamp({ withTimezone: true, precision: 3 }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    viaWorkspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    syncedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex("campaigns_workspace_idempotency_key").on(t.workspaceId, t.idempotencyKey),
    index("campaigns_in_flight")
      .on(t.sentAt)
      .where(sql`${t.status} = 'pending'`),
    // one index per sort of the list (campaignSortColumns), read forwards for asc and backwards for desc
    index("campaigns_by_created_at").on(t.workspaceId, t.createdAt, t.id),
    index("campaigns_by_name").on(t.workspaceId, t.name, t.id),
    index("campaigns_by_status").on(t.workspaceId, t.status, t.id),
    index("campaigns_by_dials").on(t.workspaceId, t.dials, t.id),
    index("campaigns_by_total_pickups").on(t.workspaceId, t.totalPickups, t.id),
    index("campaigns_by_total_positive_outcomes").on(t.workspaceId, t.totalPositiveOutcomes, t.id),
    index("campaigns_by_total_min_used").on(t.workspaceId, t.totalMinUsed, t.id),
    // the name search (`q`, ILIKE '%…%'), when the term is rare enough that reading in order would not pay
    index("campaigns_name_trgm").using("gin", t.name.op("gin_trgm_ops")),
    // how fresh a workspace's figures are: the oldest confirmation among its created campaigns, read as
    // the first entry of this index instead of a pass over every campaign
    index("campaigns_synced")
      .on(t.workspaceId, t.syncedAt)
      .where(sql`${t.status} = 'created'`),
  ],
);

/**
 * What a workspace's campaigns add up to (its figures without a date range), kept by statement triggers on
 * campaigns (migration 0009) in the same transaction as the change: each statement that changes campaigns
 * appends one row of differences per workspace, so writers never wait for one another on a shared row.
 * A workspace's totals are the sum of its rows; `compactCampaignTotals` folds them back into one.
 */
export const campaignTotals = pgTable(
  "campaign_totals",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // no foreign key: its check would lock the workspace row inside every campaign write (and deadlock a
    // workspace's deletion against a recount); a trigger on workspaces removes the rows instead (0010)
    workspaceId: uuid().notNull(),
    campaigns: integer().notNull().default(0),
    dials: bigint({ mode: "number" }).notNull().default(0),
    pickups: bigint({ mode: "number" }).notNull().default(0),
    appointments: bigint({ mode: "number" }).notNull().default(0),
    positive: bigint({ mode: "number" }).notNull().default(0),
    minutes: doublePrecision().notNull().default(0),
    minutesToday: doublePrecision().notNull().default(0),
  },
  (t) => [index("campaign_totals_workspace").on(t.workspaceId)],
);

/**
 * The orders the campaign list can be read in, by the API's name for them (`sort=`); each is served by its
 * index campaigns_by_<sort> above, on NOT NULL columns, with the id as tiebreak.
 */
export const campaignSortColumns = {
  created_at: campaigns.createdAt,
  name: campaigns.name,
  status: campaigns.status,
  dials: campaigns.dials,
  total_pickups: campaigns.totalPickups,
  total_positive_outcomes: campaigns.totalPositiveOutcomes,
  total_min_used: campaigns.totalMinUsed,
};
export type CampaignSort = keyof typeof campaignSortColumns;

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type WorkspaceMember = typeof workspaceMembers.$inferSelect;
export type NedzoConnection = typeof nedzoConnections.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;

/** Per-token write pacing shared by every app instance: the next free slot for each Nedzo token. */
export const nedzoPacer = pgTable("nedzo_pacer", {
  /** sha256 of the token (never the token itself), or "sandbox:<workspace id>" */
  key: text().primaryKey(),
  nextAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
});

/** Fixed-window counters (sign-in mail per address and per IP); old windows are purged by the sweeper. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * The durable job queue shared by every app instance (creates now, syncs later). A job is claimed with
 * `FOR UPDATE SKIP LOCKED` and held by a lease (`locked_until`); a job whose holder died is claimed again
 * once its lease ends. Done jobs are deleted: the domain row (the campaign) keeps the outcome.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** first in, first out: the order jobs were queued in, even within one millisecond */
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    kind: text().notNull(),
    /** at most one job per key (e.g. "campaign:<id>") */
    key: text().notNull().unique(),
    /** jobs sharing a queue key are paced together (a Nedzo token's pacer key) */
    queueKey: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    runAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true, precision: 3 }),
    lockedBy: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [index("jobs_fifo").on(t.seq), index("jobs_queue").on(t.queueKey, t.seq)],
);
export type Job = typeof jobs.$inferSelect;
