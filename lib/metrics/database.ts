import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { Gauge, type Registry } from "prom-client";
import { getDb } from "@/db";
import { CREATE_JOB } from "@/lib/campaigns/keys";
import { queueDepths } from "@/lib/jobs/queue";

// Gauges read from the database at scrape time. They describe the whole deployment, not this instance:
// every instance reports the same values, so dashboards take max() across instances, never sum().

/** A queue's label: an opaque fingerprint of its key (the key itself holds a token's hash or a workspace id). */
export const queueFingerprint = (queueKey: string) => createHash("sha256").update(queueKey).digest("hex").slice(0, 12);

const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];

/** Registers the database gauges on `registry` (once per registry). */
export function registerDatabaseGauges(registry: Registry): void {
  new Gauge({
    name: "nedzo_create_queue_depth",
    help: "Campaign creates waiting or running per Nedzo token (label: opaque fingerprint). Global: same on every instance.",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of await queueDepths(CREATE_JOB)) this.set({ queue: queueFingerprint(q.queueKey) }, q.depth);
    },
  });
  new Gauge({
    name: "sync_lag_seconds_max",
    help: "Longest time since a workspace's last successful sync (never synced: since it was asked for). Global.",
    registers: [registry],
    async collect() {
      const [row] = rowsOf<{ lag: number | null }>(
        await getDb().execute(sql`
          select extract(epoch from max(clock_timestamp() - coalesce(last_success_at, requested_at, last_attempt_at)))::float8 as lag
          from sync_states`),
      );
      this.set(Number(row?.lag ?? 0));
    },
  });
  new Gauge({
    name: "sync_failing_workspaces",
    help: "Workspaces whose last sync failed, or that need their token reconnected. Global.",
    registers: [registry],
    async collect() {
      const [row] = rowsOf<{ n: number }>(
        await getDb().execute(sql`select count(*)::int as n from sync_states where failures > 0 or needs_attention_at is not null`),
      );
      this.set(Number(row?.n ?? 0));
    },
  });
}
