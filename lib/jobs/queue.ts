import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { jobs, type Job } from "@/db/schema";
import type { Executor } from "@/lib/audit";

// The durable job queue: rows in `jobs`, claimed with FOR UPDATE SKIP LOCKED and held by a lease that this
// process renews while it works. A holder that dies stops renewing; its jobs are claimed again once their
// lease ends. Works the same on PostgreSQL (shared by every instance) and on PGlite (one process).

/** How long a claim lasts without renewal; renewed every LEASE_MS / 4 while held. */
export const LEASE_MS = 20_000;
/** Jobs of one queue (a Nedzo token) held at once by all workers together. */
export const PER_QUEUE_CLAIMS = 10;

// held: each job this process holds, with the run_at it had when claimed (to tell "asked for again")
const holder = globalThis as unknown as {
  __campaignConsoleJobs?: { id: string; held: Map<string, Date>; timer: NodeJS.Timeout | null };
};

function state() {
  holder.__campaignConsoleJobs ??= { id: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, held: new Map(), timer: null };
  return holder.__campaignConsoleJobs;
}

/** This process's name on the jobs it holds. */
export const workerId = () => state().id;

export type NewJob = { kind: string; key: string; queueKey?: string | null; payload?: Record<string, unknown>; runAt?: Date };

/** Adds a job (in the caller's transaction). With `claim`, this process holds it from the start. */
export async function enqueue(tx: Executor, job: NewJob, options: { claim?: boolean } = {}): Promise<Job> {
  const lock = options.claim ? { lockedBy: workerId(), lockedUntil: sql`clock_timestamp() + ${`${LEASE_MS} milliseconds`}::interval` } : {};
  const [row] = await tx
    .insert(jobs)
    .values({
      kind: job.kind,
      key: job.key,
      queueKey: job.queueKey ?? null,
      payload: job.payload ?? {},
      runAt: job.runAt,
      ...lock,
    } as never)
    .returning();
  if (options.claim) hold(row.id, row.runAt);
  return row;
}

/**
 * Claims up to `limit` due jobs of the given kinds, oldest first. A job whose queue's pacer slot is more than
 * `horizonMs` away is left for later, so a long queue for one token never fills this worker.
 */
export async function claimDue(kinds: string[], limit: number, horizonMs: number, perQueue = PER_QUEUE_CLAIMS): Promise<Job[]> {
  if (limit <= 0 || kinds.length === 0) return [];
  const horizon = `${horizonMs} milliseconds`;
  const lease = `${LEASE_MS} milliseconds`;
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  // oldest first; at most `perQueue` held at once per queue (a token's line), so one busy token never
  // fills the workers while others wait
  const result = await getDb().execute(sql`
    update jobs set locked_by = ${workerId()}, locked_until = clock_timestamp() + ${lease}::interval, attempts = attempts + 1
    where id in (
      select j.id from jobs j
      where j.id in (
        select c.id from (
          select d.id, d.queue_key, row_number() over (partition by d.queue_key order by d.seq) as rn
          from jobs d
          where d.kind in (${kindList}) and d.run_at <= clock_timestamp()
            and (d.locked_until is null or d.locked_until < clock_timestamp())
            and not exists (select 1 from nedzo_pacer p where p.key = d.queue_key and p.next_at > clock_timestamp() + ${horizon}::interval)
        ) c
        where c.queue_key is null
          or c.rn + (select count(*) from jobs l where l.queue_key = c.queue_key and l.locked_until >= clock_timestamp()) <= ${perQueue}
      )
      order by j.seq
      limit ${limit}
      for update of j skip locked
    )
    returning id, seq, kind, key, queue_key, payload, run_at, locked_until, locked_by, attempts, last_error, created_at`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  // RETURNING keeps no order: oldest first, as claimed
  const claimed = rows.map(fromRow).sort((a, b) => a.seq - b.seq);
  for (const j of claimed) hold(j.id, j.runAt);
  return claimed;
}

function fromRow(r: Record<string, unknown>): Job {
  const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
  return {
    id: String(r.id),
    seq: Number(r.seq),
    kind: String(r.kind),
    key: String(r.key),
    queueKey: (r.queue_key as string | null) ?? null,
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    runAt: date(r.run_at)!,
    lockedUntil: date(r.locked_until),
    lockedBy: (r.locked_by as string | null) ?? null,
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: date(r.created_at)!,
  };
}

/**
 * Done: the job row goes (in the caller's transaction, with the change it made) — only while this process
 * holds it: a job whose lease passed to another process is theirs to finish. A job asked for again while it
 * ran (schedule() moved its run_at past the claim's) is given back to the queue instead, to run once more.
 */
export async function complete(tx: Executor, jobId: string): Promise<void> {
  const claimedRunAt = state().held.get(jobId);
  if (!claimedRunAt) {
    await tx.delete(jobs).where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId())));
  } else {
    const claimed = claimedRunAt.toISOString();
    await tx.execute(sql`
      with done as (delete from jobs where id = ${jobId} and locked_by = ${workerId()} and run_at <= ${claimed}::timestamptz returning id)
      update jobs set locked_by = null, locked_until = null, attempts = 0
      where id = ${jobId} and locked_by = ${workerId()} and not exists (select 1 from done)`);
  }
  drop(jobId);
}

/** Gives a job back to the queue, to run again at `runAt` (now by default). */
export async function release(jobId: string, runAt?: Date, lastError?: string): Promise<void> {
  await getDb()
    .update(jobs)
    .set({ lockedBy: null, lockedUntil: null, runAt: runAt ?? sql`clock_timestamp()`, ...(lastError ? { lastError } : {}) } as never)
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId())));
  drop(jobId);
}

/** Stops renewing a job this process no longer works on (its row may already be gone). */
export function drop(jobId: string): void {
  const s = state();
  s.held.delete(jobId);
  if (s.held.size === 0 && s.timer) {
    clearInterval(s.timer);
    s.timer = null;
  }
}

function hold(jobId: string, runAt: Date): void {
  const s = state();
  s.held.set(jobId, runAt);
  s.timer ??= setInterval(() => void renewLeases().catch(() => {}), LEASE_MS / 4);
  s.timer.unref?.();
}

/** Extends the lease of every job this process holds (a crashed process renews nothing). */
export async function renewLeases(): Promise<void> {
  const ids = [...state().held.keys()];
  if (ids.length === 0) return;
  await getDb()
    .update(jobs)
    .set({ lockedUntil: sql`clock_timestamp() + ${`${LEASE_MS} milliseconds`}::interval` } as never)
    .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, workerId())));
}

/** Jobs of one kind waiting on one queue (a Nedzo token), counted up to `cap` + 1. */
export async function queueDepth(kind: string, queueKey: string, cap: number, db: Executor = getDb()): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as n from (select 1 from jobs where queue_key = ${queueKey} and kind = ${kind} limit ${cap + 1}) q`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

/**
 * Adds a job, or — when one with the same key exists — brings it forward to `runAt` (never later). A job
 * that is running (its lease is live) keeps running and is moved past the moment it was claimed instead, so
 * that it runs again once this run ends (complete() and reschedule() see it was asked for again): a request
 * during a run is never swallowed by that run. The payload becomes the latest ask's (the run to come does
 * what was asked last). One statement, so the ask cannot fall between the run's end and its completion.
 */
export async function schedule(tx: Executor, job: NewJob & { runAt: Date }): Promise<void> {
  await tx.execute(sql`
    insert into jobs (kind, key, queue_key, payload, run_at) values (${job.kind}, ${job.key}, ${job.queueKey ?? null}, ${JSON.stringify(job.payload ?? {})}::jsonb, ${job.runAt.toISOString()}::timestamptz)
    on conflict (key) do update set payload = excluded.payload, run_at = case
      when jobs.locked_until >= clock_timestamp() then greatest(jobs.run_at + interval '1 millisecond', excluded.run_at)
      else least(jobs.run_at, excluded.run_at) end`);
}

/**
 * A recurring job's end: back to the queue at `next` — unless it was asked for again while it ran (its
 * `run_at` moved past the moment it was claimed), in which case it runs again at once.
 */
export async function reschedule(job: Pick<Job, "id" | "runAt">, next: Date): Promise<void> {
  await getDb().execute(sql`
    update jobs set locked_by = null, locked_until = null, attempts = 0,
      run_at = case when run_at > ${job.runAt.toISOString()}::timestamptz then run_at else ${next.toISOString()}::timestamptz end
    where id = ${job.id} and locked_by = ${workerId()}`);
  drop(job.id);
}

/** Jobs of one kind waiting per queue (a Nedzo token), the deepest `limit` queues: for /api/metrics. */
export async function queueDepths(kind: string, limit = 50): Promise<{ queueKey: string; depth: number }[]> {
  const result = await getDb().execute(
    sql`select queue_key, count(*)::int as n from jobs where kind = ${kind} and queue_key is not null group by queue_key order by n desc limit ${limit}`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { queue_key: string; n: number }[];
  return rows.map((r) => ({ queueKey: String(r.queue_key), depth: Number(r.n) }));
}

/** The ids of the jobs this process holds now (a shutdown gives back those still running). */
export function heldJobIds(): string[] {
  return [...state().held.keys()];
}
