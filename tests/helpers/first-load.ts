import { gzipSync } from "node:zlib";
import type { BrowserContext } from "playwright-core";

/**
 * Every script a page downloads before its load event, gzip level 9 (as bench/bundle.ts counts): its total
 * in kB, how many scripts, and whether recharts is among them.
 */
export async function firstLoadJs(context: BrowserContext, pageUrl: string) {
  const p = await context.newPage();
  const scripts: { bytes: number; recharts: boolean }[] = [];
  let loaded = false;
  p.on("response", async (res) => {
    if (loaded || res.request().resourceType() !== "script") return;
    const body = await res.body().catch(() => null);
    if (body) scripts.push({ bytes: gzipSync(body, { level: 9 }).length, recharts: body.includes("recharts-surface") });
  });
  await p.goto(pageUrl, { waitUntil: "load" });
  loaded = true;
  await p.close();
  return { kb: scripts.reduce((n, s) => n + s.bytes, 0) / 1024, scripts: scripts.length, recharts: scripts.some((s) => s.recharts) };
}
