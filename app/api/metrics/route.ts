// GET /api/metrics — Prometheus text exposition, for a scraper holding METRICS_TOKEN (404 while unset).
// Request latency and create outcomes are this instance's; queue depth and sync lag come from the
// database and are the same on every instance.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { apiError, problemResponse } from "@/lib/api/errors";
import { traced } from "@/lib/log/request";
import { metrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

/** Constant-time: both sides are hashed to one length first, so neither length nor prefix leaks. */
function sameSecret(given: string, expected: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(given), h(expected));
}

export const GET = traced("/api/metrics", async (req: Request) => {
  const expected = env().METRICS_TOKEN;
  if (!expected) return problemResponse(apiError(404, "Not found."));
  const given = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "";
  if (!sameSecret(given, expected)) {
    return problemResponse(
      apiError(401, "A valid metrics token is required.", { headers: { "www-authenticate": 'Bearer realm="metrics"' } }),
    );
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
