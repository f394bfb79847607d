// One "app instance" for the benches: its own process, its own database pool, the same PostgreSQL and
// Nedzo as the others. It runs the real create use case (validation, job, pacer, Nedzo call, mirror) and,
// like the server, a job worker; with `settle`, it stays until every campaign of the workspace is settled.
import { sql } from "drizzle-orm";
import { closeDatabase, getDb } from "@/db";
import { createCampaign } from "@/lib/campaigns/create";
import "@/lib/campaigns/send";
import { ApiError } from "@/lib/api/errors";
import { startJobWorker, stopJobWorker } from "@/lib/jobs/worker";
import { campaignBody } from "./common";

type Task = { workspaceId: string; userId: string; email: string; names: string[]; keys?: (string | null)[]; settle?: boolean };

const task = JSON.parse(process.argv[2]) as Task;
const actor = { userId: task.userId, email: task.email, viaWorkspaceId: null, ip: "127.0.0.1", userAgent: "bench" };
const body = campaignBody;

startJobWorker({ concurrency: 100, pollMs: 200 });
const statuses = await Promise.all(
  task.names.map((name, i) =>
    createCampaign({ workspaceId: task.workspaceId, actor, body: body(name), idempotencyKey: task.keys?.[i] ?? null }).then(
      (r) => r.status,
      (e) => (e instanceof ApiError ? e.status : 500),
    ),
  ),
);
process.stderr.write(`[instance ${process.pid}] answered ${statuses.length}\n`);
if (task.settle) {
  for (;;) {
    const result = await getDb().execute(
      sql`select count(*)::int as n from campaigns where workspace_id = ${task.workspaceId} and status in ('queued', 'pending')`,
    );
    if (Number((result as unknown as { n: number }[])[0].n) === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}
await stopJobWorker();
await closeDatabase();
process.stdout.write(JSON.stringify(statuses));
