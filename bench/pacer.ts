// npm run bench:pacer — bursts of 20 and 100 creates on one Nedzo token, through 1 and 2 app instances,
// against the sandbox with Nedzo's limit (1/s, burst 5). A request waits up to 30 s for its slot, then
// answers 202 and the job queue sends it; the figure is the time until every campaign is created.
// Baseline in the same run: the same bursts sent straight to the sandbox without our pacer.
// Writes bench/results/pacer.json.
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
import { writeFileSync } from "node:fs";
import { startSandboxServer } from "@/lib/nedzo/sandbox/server";
import { freshDatabase, liveWorkspace, runWorker, split } from "./common";

const db = await freshDatabase();
const sandbox = await startSandboxServer(0, { ratePerSec: 1, burst: 5 });
const env = { DATABASE_URL: db.url, NEDZO_API_BASE_URL: sandbox.url, NEDZO_WRITES_PER_SEC: "1", NEDZO_MAX_QUEUE_WAIT_MS: "30000" };
const results: Record<string, unknown>[] = [];

for (const burst of [20, 100]) {
  // baseline: every create fired at Nedzo at once, no pacer
  const token = `sk_test_baseline${burst}x${Date.now()}`;
  const answers = await Promise.all(
    Array.from({ length: burst }, (_, i) =>
      fetch(`${sandbox.url}/v1/campaign/`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          name: `b${i}`,
          agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
          start_time: "09:00",
          end_time: "17:00",
          min_calls_per_hour: 1,
          max_calls_per_hour: 10,
        }),
      }).then((r) => r.status),
    ),
  );
  results.push({
    burst,
    instances: "none (baseline, no pacer)",
    created: answers.filter((s) => s === 201).length,
    upstream_429: answers.filter((s) => s === 429).length,
  });

  for (const instances of [1, 2]) {
    const token = `sk_test_paced${burst}x${instances}x${Date.now()}`;
    const ws = await liveWorkspace(token);
    const before = sandbox.rateLimited();
    const started = Date.now();
    const names = Array.from({ length: burst }, (_, i) => `p${burst}-${instances}-${i}`);
    const statuses = (
      await Promise.all(split(names, instances).map((part) => runWorker({ ...ws, names: part, settle: true }, env)))
    ).flat();
    const rows = await getDb().select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.workspaceId, ws.workspaceId));
    results.push({
      burst,
      instances,
      answered_201: statuses.filter((s) => s === 201).length,
      answered_202_queued: statuses.filter((s) => s === 202).length,
      our_429: statuses.filter((s) => s === 429).length,
      other: statuses.filter((s) => s !== 201 && s !== 202 && s !== 429).length,
      created: rows.filter((r) => r.status === "created").length,
      upstream_429: sandbox.rateLimited() - before,
      upstream_creates: sandbox.campaigns().filter((c) => c.token === token).length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
    console.log(JSON.stringify(results.at(-1)));
  }
}

await sandbox.close();
await db.drop();
writeFileSync(
  "bench/results/pacer.json",
  JSON.stringify({ measured_at: new Date().toISOString(), machine: "2 cores", results }, null, 2) + "\n",
);
console.table(results);
