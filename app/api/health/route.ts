// GET /api/health — is the app up, and can it reach its database?
import { pingDatabase } from "@/db";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await Promise.race([pingDatabase(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000))]);
    return Response.json({ status: "ok", database: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "degraded", database: "down" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
