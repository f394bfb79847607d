// GET /api/health — is the app up, and can it reach its database? (liveness; /api/ready is readiness)
import { pingDatabase } from "@/db";
import { traced } from "@/lib/log/request";

export const dynamic = "force-dynamic";

export const GET = traced("/api/health", async () => {
  try {
    await Promise.race([pingDatabase(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000))]);
    return Response.json({ status: "ok", database: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "degraded", database: "down" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
});
