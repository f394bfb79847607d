// One "app instance" for the benches: its own process, its own database pool, the same PostgreSQL and
// Nedzo as the others. It runs the real create use case (validation, pacer, outbox row, Nedzo call, mirror).
import { closeDatabase } from "@/db";
import { createCampaign } from "@/lib/campaigns/create";
import { ApiError } from "@/lib/api/errors";

type Job = { workspaceId: string; userId: string; email: string; names: string[]; keys?: (string | null)[] };

const job = JSON.parse(process.argv[2]) as Job;
const actor = { userId: job.userId, email: job.email, viaWorkspaceId: null, ip: "127.0.0.1", userAgent: "bench" };
const body = (name: string) => ({
  name,
  agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
  start_time: "09:00",
  end_time: "17:00",
  min_calls_per_hour: 1,
  max_calls_per_hour: 10,
});

const statuses = await Promise.all(
  job.names.map((name, i) =>
    createCampaign({ workspaceId: job.workspaceId, actor, body: body(name), idempotencyKey: job.keys?.[i] ?? null }).then(
      (r) => r.status,
      (e) => (e instanceof ApiError ? e.status : 500),
    ),
  ),
);
await closeDatabase();
process.stdout.write(JSON.stringify(statuses));
