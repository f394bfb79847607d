import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { campaigns, workspaces } from "./schema";

// The mirror of Nedzo's conversations ("calls"), the workspace's agents by name, the sync state and the
// secret webhook endpoint of each workspace.

const at = () => timestamp({ withTimezone: true, precision: 3 });

export const outcomeKeys = [
  "appointment_booked",
  "callback_requested",
  "do_not_call",
  "failed",
  "follow_up",
  "no_answer",
  "not_interested",
  "transferred",
  "wrong_number",
  "other",
] as const;

export const calls = pgTable(
  "calls",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** the local campaign, once the conversation's Nedzo campaign is one of ours */
    campaignId: uuid().references(() => campaigns.id, { onDelete: "cascade" }),
    nedzoConversationId: text().notNull(),
    nedzoCampaignId: uuid(),
    agentId: uuid(),
    contactPhone: text(),
    agentPhone: text(),
    /** when the call started (when Nedzo did not say: when we first stored it) */
    startedAt: at().notNull(),
    endedAt: at(),
    durationSeconds: integer(),
    /** as Nedzo sent it */
    outcome: text(),
    outcomeKey: text({ enum: outcomeKeys }).notNull().default("other"),
    /** a call that connected: it lasted more than zero seconds */
    pickedUp: boolean().notNull().default(false),
    endedReason: text(),
    appointmentAt: at(),
    summary: text(),
    transcript: text(),
    recordingUrl: text(),
    /** how it first reached us: "sync" or "webhook" */
    source: text().notNull(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calls_workspace_conversation").on(t.workspaceId, t.nedzoConversationId),
    // the call log, newest first, in exactly the order it reads (DESC = NULLS FIRST in PostgreSQL)
    index("calls_campaign_newest").on(t.campaignId, t.startedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("calls_campaign_outcome_newest").on(t.campaignId, t.outcomeKey, t.startedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("calls_unlinked").on(t.workspaceId, t.nedzoCampaignId),
  ],
);

export const nedzoAgents = pgTable(
  "nedzo_agents",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid().notNull(),
    name: text().notNull(),
    webhookUrl: text(),
    syncedAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.agentId] })],
);

export const syncStatuses = ["idle", "queued", "running", "failing"] as const;

export const syncStates = pgTable("sync_states", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  status: text({ enum: syncStatuses }).notNull().default("idle"),
  requestedAt: at(),
  lastAttemptAt: at(),
  lastSuccessAt: at(),
  lastError: text(),
  /** Nedzo refused the token (401/403): no more tries until it is reconnected or someone syncs by hand */
  needsAttentionAt: at(),
  failures: integer().notNull().default(0),
});

export const webhookEndpoints = pgTable("webhook_endpoints", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** sha256 of the secret in the URL: how an incoming post finds its workspace */
  secretHash: text().notNull().unique(),
  /** the secret itself, AES-256-GCM bound to the workspace, so owners and admins can see the URL again */
  secretCiphertext: text().notNull(),
  keyVersion: integer().notNull(),
  createdAt: at().notNull().defaultNow(),
  lastReceivedAt: at(),
});

export type Call = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;
export type SyncState = typeof syncStates.$inferSelect;
