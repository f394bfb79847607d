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
  const { installGracefulShutdown, startJobWorker } = await import("@/lib/jobs/worker");
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
  installGracefulShutdown(() => clearInterval(sweeper)); // SIGTERM / SIGINT: see lib/jobs/worker.ts
}
