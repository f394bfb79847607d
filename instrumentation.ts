import type { Server } from "node:http";

// Runs once when a server process starts: the job worker (creates that waited for their token's slot, or
// that a crash left unsent; every connected workspace's sync), and the sweeper (interrupted sends →
// unknown, sync jobs for newly connected workspaces) now and every minute after. And the graceful
// shutdown on SIGTERM / SIGINT (see shutdown below).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  env(); // missing or invalid settings (AUTH_URL, AUTH_SECRET, NEDZO_TOKEN_KEY in production) stop the server here
  const { installClientAddressStamp } = await import("@/lib/http/client-address");
  installClientAddressStamp(); // the TCP peer goes on X-Forwarded-For before Next reads it (see TRUST_PROXY)
  const { log } = await import("@/lib/log/logger");
  const { sweepStalePending } = await import("@/lib/campaigns/sweep");
  const { purgeOldWindows } = await import("@/lib/auth/rate-limit");
  await import("@/lib/campaigns/send"); // registers the create job's handler
  const { ensureSyncJobs } = await import("@/lib/calls/sync"); // and the sync's and backfill's
  await import("@/lib/calls/counters-job"); // and the recount after webhook posts
  const { startJobWorker } = await import("@/lib/jobs/worker");
  startJobWorker();
  const sweep = () =>
    Promise.all([sweepStalePending(), purgeOldWindows(), ensureSyncJobs()])
      .then(([n]) => n)
      .then(
        (n) => n && log.info({ marked_unknown: n }, "sweeper: interrupted campaign creates marked unknown"),
        (error: Error) => log.error({ error: error.message.split("\n")[0] }, "sweeper failed"),
      );
  void sweep();
  const sweeper = setInterval(sweep, 60_000);
  sweeper.unref();
  await installShutdown(() => clearInterval(sweeper));
}

/** The HTTP servers of this process, known from their first request (Next creates them before we load). */
const servers = new Set<Server>();

async function trackServers(): Promise<void> {
  const http = await import("node:http");
  const proto = http.Server.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: Server, event, ...args) {
    if (event === "request") servers.add(this);
    return emit.call(this, event, ...args);
  };
}

/**
 * SIGTERM / SIGINT: stop taking requests (and /api/ready answers 503), let running jobs and the creates that
 * requests run finish for up to SHUTDOWN_TIMEOUT_MS, give back to the queue what is still running, close the
 * remaining connections (live-event streams reconnect elsewhere), the LISTEN connection and the pool, exit 0.
 *
 * Next's own handler (start-server.js) would close the HTTP server and exit 143 without waiting for our
 * jobs, and never while a live-event stream is open: `npm start` sets NEXT_MANUAL_SIG_HANDLE so Next
 * leaves the signals to us; when the server was started without it, Next's listeners are removed here.
 */
async function installShutdown(stopTimers: () => void): Promise<void> {
  await trackServers();
  const handle = async (signal: NodeJS.Signals) => {
    const { env } = await import("@/lib/env");
    const { log } = await import("@/lib/log/logger");
    const { shutdownJobs } = await import("@/lib/jobs/worker");
    const { closeDatabase } = await import("@/db");
    const timeoutMs = env().SHUTDOWN_TIMEOUT_MS;
    const started = Date.now();
    log.info({ signal, timeout_ms: timeoutMs }, "shutdown: draining");
    stopTimers();
    const closed = [...servers].map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const s of servers) s.closeIdleConnections();
    const released = await shutdownJobs(timeoutMs);
    // the requests whose creates just settled still write their answers: a moment for them, then cut the rest
    const grace = Math.max(0, Math.min(2_000, timeoutMs - (Date.now() - started)));
    await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, grace))]);
    for (const s of servers) s.closeAllConnections();
    await closeDatabase().catch((error: Error) => log.warn({ error: error.message }, "shutdown: closing the database failed"));
    log.info({ signal, released_jobs: released, ms: Date.now() - started }, "shutdown: done");
    log.flush?.();
    process.exit(0);
  };
  let started = false;
  const once = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    void handle(signal).catch(() => process.exit(1));
  };
  const { manualSignalHandling } = await import("@/lib/env");
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    if (!manualSignalHandling()) process.removeAllListeners(signal);
    process.on(signal, () => once(signal));
  }
}
