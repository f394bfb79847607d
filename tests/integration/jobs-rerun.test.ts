import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { jobs, type Job } from "@/db/schema";
import { BACKFILL_JOB, requestBackfill } from "@/lib/calls/sync";
import { complete, enqueue } from "@/lib/jobs/queue";
import { registerJobHandler, Worker } from "@/lib/jobs/worker";

// A job asked for again while it runs runs once more after that run; asked for twice while it waits, it
// runs once. And a kind registered with a concurrency never runs more than that many at once.
const worker = new Worker({ concurrency: 20, pollMs: 50 });
afterAll(() => worker.stop());

// the backfill's own scheduling (requestBackfill → schedule) and ending (complete), around a stand-in run
const runs: string[] = [];
const asks: string[] = [];
let onRun: (job: Job) => Promise<void> = async () => {};
registerJobHandler(BACKFILL_JOB, async (job) => {
  runs.push(String(job.payload.campaign_id));
  asks.push(String(job.payload.nedzo_campaign_id));
  await onRun(job);
  await complete(getDb(), job.id);
});

describe("a backfill asked for again", () => {
  it("while it runs, runs again after that run", async () => {
    const campaignId = randomUUID();
    runs.length = 0;
    let asked = false;
    onRun = async () => {
      // a second link of the same campaign lands in the middle of the first backfill
      if (asked) return;
      asked = true;
      await requestBackfill(randomUUID(), campaignId, "nedzo-2");
    };
    await requestBackfill(randomUUID(), campaignId, "nedzo-1");
    await worker.drain();
    expect(runs).toEqual([campaignId, campaignId]);
    expect(asks.slice(-2)).toEqual(["nedzo-1", "nedzo-2"]); // the run again does what was asked last
    expect(
      await getDb()
        .select()
        .from(jobs)
        .where(eq(jobs.key, `backfill:${campaignId}`)),
    ).toHaveLength(0);
  });

  it("while it waits, runs once", async () => {
    const campaignId = randomUUID();
    runs.length = 0;
    onRun = async () => {};
    await requestBackfill(randomUUID(), campaignId, "nedzo-1");
    await requestBackfill(randomUUID(), campaignId, "nedzo-1");
    await worker.drain();
    expect(runs).toEqual([campaignId]);
  });
});

describe("a kind's concurrency", () => {
  it("runs at most that many of its jobs at once, and all of them in the end", async () => {
    let now = 0;
    let most = 0;
    let done = 0;
    registerJobHandler(
      "test.limited",
      async (job) => {
        most = Math.max(most, ++now);
        await new Promise((r) => setTimeout(r, 30));
        now--;
        done++;
        await complete(getDb(), job.id);
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) await enqueue(getDb(), { kind: "test.limited", key: `limited:${randomUUID()}` });
    await worker.drain();
    expect(done).toBe(6);
    expect(most).toBe(2);
  });
});
