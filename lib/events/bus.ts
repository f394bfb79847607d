import { sql } from "drizzle-orm";
import { listenDatabase } from "@/db";
import type { Executor } from "@/lib/audit";

// Live updates across app instances: a change publishes with NOTIFY in its own transaction (delivered at
// commit, never for a rollback), every instance LISTENs once and fans the event out to its open streams.
// The same SQL works on PostgreSQL and on PGlite (in-process).

const CHANNEL = "campaign_console_events";
/** NOTIFY payloads stay well under PostgreSQL's 8000-byte limit: ids are sent in chunks. */
const IDS_PER_EVENT = 150;

export type ConsoleEvent = { type: "campaigns"; workspace_id: string; campaign_ids: string[] };

/** Tells every instance that these campaigns of the workspace were created or changed (at commit). */
export async function publishCampaigns(db: Executor, workspaceId: string, campaignIds: string[]): Promise<void> {
  for (let i = 0; i < campaignIds.length; i += IDS_PER_EVENT) {
    const event: ConsoleEvent = { type: "campaigns", workspace_id: workspaceId, campaign_ids: campaignIds.slice(i, i + IDS_PER_EVENT) };
    await db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);
  }
}

type Listener = (event: ConsoleEvent) => void;
const holder = globalThis as unknown as {
  __campaignConsoleBus?: { listeners: Map<string, Set<Listener>>; ready: Promise<unknown> | null };
};
const bus = () => (holder.__campaignConsoleBus ??= { listeners: new Map(), ready: null });

function deliver(payload: string): void {
  let event: ConsoleEvent;
  try {
    event = JSON.parse(payload) as ConsoleEvent;
  } catch {
    return;
  }
  for (const listener of bus().listeners.get(event.workspace_id) ?? []) listener(event);
}

/** Listens for one workspace's events in this process; returns the way to stop. */
export async function subscribe(workspaceId: string, listener: Listener): Promise<() => void> {
  const b = bus();
  b.ready ??= listenDatabase(CHANNEL, deliver).catch((error) => {
    b.ready = null; // try again with the next subscriber
    throw error;
  });
  await b.ready;
  const set = b.listeners.get(workspaceId) ?? new Set();
  set.add(listener);
  b.listeners.set(workspaceId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) b.listeners.delete(workspaceId);
  };
}
