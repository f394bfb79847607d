// Runs once when a server process starts: the job worker (creates that waited for their token's slot, or
// that a crash left unsent; every connected workspace's sync), and the sweeper (interrupted sends →
// unknown, sync jobs for newly connected workspaces) now and every minute after.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  env(); // missing or invalid settings (AUTH_URL, AUTH_SECRET, NEDZO_TOKEN_KEY in production) stop the server here
  const { installClientAddressStamp } = await import("@/lib/http/client-address");
  installClientAddressStamp(); // the TCP peer goes on X-Forwarded-For before Next reads it (see TRUST_PROXY)
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
        (n) => n && console.log(`[sweeper] ${n} interrupted campaign create(s) marked unknown`),
        (error: Error) => console.error(`[sweeper] ${error.message.split("\n")[0]}`),
      );
  void sweep();
  setInterval(sweep, 60_000).unref();
}
