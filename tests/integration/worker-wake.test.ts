import { afterAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { complete, enqueue } from "@/lib/jobs/queue";
import { registerJobHandler, Worker } from "@/lib/jobs/worker";

// The worker's own loop: a job that ends brings a claim for its kind only (not one per kind), and every
// kind is still looked at on each poll.
const claims = vi.hoisted(() => [] as string[][]);
vi.mock("@/lib/jobs/queue", async (original) => {
  const queue = await original<typeof import("@/lib/jobs/queue")>();
  return {
    ...queue,
    claimDue: (kinds: string[], ...rest: [number, number, number?]) => {
      claims.push(kinds);
      return queue.claimDue(kinds, ...rest);
    },
  };
});

const A = `test.wake.a.${randomUUID().slice(0, 8)}`;
const B = `test.wake.b.${randomUUID().slice(0, 8)}`;
const ran: string[] = [];
let releaseA: () => void = () => {};
registerJobHandler(A, async (job) => {
  await new Promise<void>((resolve) => (releaseA = resolve));
  ran.push(A);
  await complete(getDb(), job.id);
});
registerJobHandler(B, async (job) => {
  ran.push(B);
  await complete(getDb(), job.id);
});

const POLL_MS = 600;
const worker = new Worker({ concurrency: 20, pollMs: POLL_MS });
afterAll(() => worker.stop());

const until = async (check: () => boolean, ms = 5000) => {
  const end = performance.now() + ms;
  while (!check() && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describe("the worker's loop", () => {
  it("claims only the ended job's kind when it ends, and every kind on its polls", async () => {
    await enqueue(getDb(), { kind: A, key: `a:${randomUUID()}` });
    worker.start();
    expect(await until(() => claims.some((k) => k.includes(A)))).toBe(true);
    // A runs; B's job comes due without a wake: the next poll (every kind) finds it
    await new Promise((r) => setTimeout(r, 100));
    await enqueue(getDb(), { kind: B, key: `b:${randomUUID()}` });
    expect(await until(() => ran.includes(B), POLL_MS * 4)).toBe(true);
    // A ends: the look it brings is for A alone
    await new Promise((r) => setTimeout(r, 100));
    claims.length = 0;
    releaseA();
    expect(await until(() => ran.includes(A))).toBe(true);
    expect(await until(() => claims.length > 0, 1000)).toBe(true);
    await new Promise((r) => setTimeout(r, 150)); // well before the next poll
    expect(claims).toEqual([[A]]);
  });

  it("keeps polling every kind when the wall clock steps back an hour", async () => {
    const clock = vi.spyOn(Date, "now").mockReturnValue(Date.now() - 3_600_000);
    try {
      ran.length = 0;
      await new Promise((r) => setTimeout(r, POLL_MS)); // a poll goes by with the clock already back
      await enqueue(getDb(), { kind: B, key: `b:${randomUUID()}` }); // due, and nobody wakes the worker
      expect(await until(() => ran.includes(B), POLL_MS * 4)).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });
});
