import http from "node:http";
import { closeDatabase } from "@/db";
import type { Job } from "@/db/schema";
import { env, manualSignalHandling } from "@/lib/env";
import { log } from "@/lib/log/logger";
import { claimDue, drop, heldJobIds, release } from "./queue";

// Runs due jobs in this process: claims what is due (oldest first), runs each with its kind's handler, and
// looks again at once while there is work, or after `pollMs` when there is none. A handler settles its job
// (completes or releases it); one that throws gives the job back for a later try.

export type JobHandler = (job: Job) => Promise<void>;

type Registration = { handler: JobHandler; horizonMs: () => number; concurrency: number };
const holder = globalThis as unknown as {
  __campaignConsoleHandlers?: Map<string, Registration>;
  __campaignConsoleWorker?: Worker;
  __campaignConsoleShuttingDown?: boolean;
};
const handlers = () => (holder.__campaignConsoleHandlers ??= new Map());

/**
 * `concurrency`: how many jobs of this kind one worker runs at once (default: as many as it runs in all).
 * Background reads that each create brings (a backfill) are limited, so that a second's worth of them never
 * takes the pool's connections from the requests of that second all at once.
 */
export function registerJobHandler(
  kind: string,
  handler: JobHandler,
  options: { horizonMs?: () => number; concurrency?: number } = {},
): void {
  handlers().set(kind, { handler, horizonMs: options.horizonMs ?? (() => 0), concurrency: options.concurrency ?? Infinity });
}

const RETRY_AFTER_ERROR_MS = 5_000;

export class Worker {
  private running = new Set<Promise<void>>();
  private runningByKind = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private started = false;
  private ticking = false;
  // the kinds the next look claims: all of them, or (a job just ended, or some were found) only those
  private due = new Set<string>();
  private fullWanted = true;
  // performance.now(), not Date.now(): a wall clock stepped back must not stop the polls
  private lastFullLook = -Infinity;

  constructor(private readonly options: { concurrency: number; pollMs: number }) {}

  start(): this {
    this.started = true;
    this.schedule(0);
    return this;
  }

  /**
   * Looks for work now (e.g. right after a job was queued in this process): for every kind, or only for
   * `kind` (a job of it just ended: only its capacity changed).
   */
  wake(kind?: string): void {
    if (!this.started || this.stopped) return;
    if (kind === undefined) this.fullWanted = true;
    else this.due.add(kind);
    this.schedule(0);
  }

  /** Stops claiming; resolves when the jobs it runs have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** Stops claiming and waits up to `timeoutMs` for the jobs it runs; true when they all settled in time. */
  async stopWithin(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const settled = await Promise.race([this.stop().then(() => true as const), late]);
    clearTimeout(timer);
    return settled;
  }

  /** Runs due jobs until none is due (tests and benches use it instead of waiting for the timer). */
  async drain(): Promise<void> {
    for (;;) {
      const found = await this.tick("all");
      await Promise.allSettled([...this.running]);
      if (!found?.size) return;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
    this.timer.unref?.();
  }

  // Each kind is claimed by a query of its own: a look for every kind is one query per kind. Every kind is
  // looked at on each poll and at least every `pollMs` while busy; in between (a job ended, or a kind had
  // jobs due) only the kinds concerned, so each ended job does not cost a claim for every kind.
  private async loop(): Promise<void> {
    const full = this.fullWanted || performance.now() - this.lastFullLook >= this.options.pollMs;
    const kinds = full ? "all" : this.due;
    this.due = new Set();
    this.fullWanted = false;
    let found: Set<string> | null;
    try {
      found = await this.tick(kinds);
    } catch (error) {
      log.error({ error: (error as Error).message.split("\n")[0] }, "job claim failed");
      // the database is away or slow: every kind again after a full interval, not in a tight loop
      this.fullWanted = true;
      return this.schedule(this.options.pollMs);
    }
    // counted from the end of a full look, so that a slow one is still followed by a gap
    if (full && found !== null) this.lastFullLook = performance.now();
    // another look was running: this one's kinds go again after it
    if (found === null) {
      if (kinds === "all") this.fullWanted = true;
      else for (const k of kinds) this.due.add(k);
      return this.schedule(50);
    }
    for (const k of found) this.due.add(k);
    // the kinds that had jobs (or were woken meanwhile) soon; every kind pollMs after the last full look
    const nextFull = Math.max(0, this.lastFullLook + this.options.pollMs - performance.now());
    this.schedule(this.due.size > 0 || this.fullWanted ? Math.min(50, nextFull) : nextFull);
  }

  /** Claims due jobs of `kinds` and starts them; the kinds that had some, or null when a look was running. */
  private async tick(kinds: Set<string> | "all"): Promise<Set<string> | null> {
    if (this.stopped) return new Set();
    if (this.ticking) return null;
    this.ticking = true;
    try {
      const found = new Set<string>();
      for (const [kind, reg] of handlers()) {
        if (kinds !== "all" && !kinds.has(kind)) continue;
        const free = this.options.concurrency - this.running.size;
        if (free <= 0) break;
        const capacity = Math.min(free, reg.concurrency - (this.runningByKind.get(kind) ?? 0));
        if (capacity <= 0) continue;
        const claimed = await claimDue([kind], capacity, reg.horizonMs());
        if (claimed.length > 0) found.add(kind);
        for (const job of claimed) this.track(job, reg.handler);
      }
      return found;
    } finally {
      this.ticking = false;
    }
  }

  private track(job: Job, handler: JobHandler): void {
    this.runningByKind.set(job.kind, (this.runningByKind.get(job.kind) ?? 0) + 1);
    const run = handler(job)
      .catch(async (error: Error) => {
        log.error({ job: job.kind, job_id: job.id, error: error.message.split("\n")[0] }, "job failed");
        await release(job.id, new Date(Date.now() + RETRY_AFTER_ERROR_MS), error.message.split("\n")[0].slice(0, 300)).catch(() =>
          drop(job.id),
        );
      })
      .finally(() => {
        this.running.delete(run);
        this.runningByKind.set(job.kind, (this.runningByKind.get(job.kind) ?? 1) - 1);
        // its capacity is free again; another kind's changes only when the worker's total was the limit
        this.wake(this.running.size + 1 >= this.options.concurrency ? undefined : job.kind);
      });
    this.running.add(run);
  }
}

/** The process's worker, started once (the server's instrumentation starts it). */
export function startJobWorker(options = { concurrency: 100, pollMs: 1000 }): Worker {
  holder.__campaignConsoleWorker ??= new Worker(options).start();
  return holder.__campaignConsoleWorker;
}

export function runningWorker(): Worker | null {
  return holder.__campaignConsoleWorker ?? null;
}

export async function stopJobWorker(): Promise<void> {
  const w = holder.__campaignConsoleWorker;
  holder.__campaignConsoleWorker = undefined;
  await w?.stop();
}

/** Set once a shutdown began: /api/ready answers 503 so load balancers send no more traffic here. */
export function isShuttingDown(): boolean {
  return holder.__campaignConsoleShuttingDown === true;
}

/**
 * The worker's part of a graceful shutdown: stop claiming, let running jobs (and the creates that requests
 * run, which hold their job too) finish for up to `timeoutMs`, then give back to the queue whatever this
 * process still holds, so another instance (or this one after its restart) picks it up at once instead of
 * waiting for the lease to run out. Returns how many jobs were given back.
 */
export async function shutdownJobs(timeoutMs: number): Promise<number> {
  holder.__campaignConsoleShuttingDown = true;
  const deadline = Date.now() + timeoutMs;
  const worker = holder.__campaignConsoleWorker;
  holder.__campaignConsoleWorker = undefined;
  if (worker) await worker.stopWithin(timeoutMs);
  while (heldJobIds().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const left = heldJobIds();
  for (const id of left) await release(id, undefined, "released at shutdown").catch(() => drop(id));
  return left.length;
}

/** The HTTP servers of this process, known from their first request (Next made them before we loaded). */
const servers = new Set<http.Server>();

function trackServers(): void {
  const proto = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event, ...args) {
    if (event === "request") servers.add(this);
    return emit.call(this, event, ...args);
  };
}

/**
 * SIGTERM / SIGINT: stop taking requests (and /api/ready answers 503), let running jobs and the creates that
 * requests run finish for up to SHUTDOWN_TIMEOUT_MS, give back to the queue what is still running, close the
 * remaining connections (live-event streams reconnect elsewhere), the LISTEN connection and the pool, exit 0.
 *
 * Next's own handler (next/dist/server/lib/start-server.js) closes the HTTP server, waits for every open
 * connection — a live-event stream never ends by itself — and exits 143 without waiting for our jobs.
 * `npm start` and the Docker image set NEXT_MANUAL_SIG_HANDLE, so Next leaves the signals to us; when the
 * server was started without it (a bare `next start`), Next's listeners are removed here instead.
 */
export function installGracefulShutdown(stopTimers: () => void): void {
  trackServers();
  let begun = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    const timeoutMs = env().SHUTDOWN_TIMEOUT_MS;
    const started = Date.now();
    log.info({ signal, timeout_ms: timeoutMs }, "shutdown: draining");
    holder.__campaignConsoleShuttingDown = true;
    stopTimers();
    const closed = [...servers].map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const s of servers) s.closeIdleConnections();
    const released = await shutdownJobs(timeoutMs);
    // requests whose creates just settled still write their answers: a moment for them, then cut the rest
    const grace = Math.max(0, Math.min(2_000, timeoutMs - (Date.now() - started)));
    await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, grace))]);
    for (const s of servers) s.closeAllConnections();
    await closeDatabase().catch((error: Error) => log.warn({ error: error.message }, "shutdown: closing the database failed"));
    log.info({ signal, released_jobs: released, ms: Date.now() - started }, "shutdown: done");
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    if (!manualSignalHandling()) process.removeAllListeners(signal);
    process.on(signal, () => {
      if (begun) return;
      begun = true;
      void shutdown(signal).catch((error: Error) => {
        log.error({ error: error.message }, "shutdown failed");
        process.exit(1);
      });
    });
  }
}
