import { gzipSync } from "node:zlib";
import { launchChromium } from "../tests/helpers/browser";

// First-load JavaScript of each console page, as a browser gets it: Chromium (playwright-core) opens the
// page signed in, and every script it downloads before the load event is counted, gzip-compressed here
// (level 9, what a CDN or proxy in front of `next start` would send). Run by bench/list.ts against the
// production build it starts; the figure is the sum over all scripts, and the largest ones are named.

export type BundleFigure = { page: string; path: string; scripts: number; gzip_kb: number; largest: { file: string; gzip_kb: number }[] };

export async function measureBundles(baseUrl: string, sessionToken: string, pages: Record<string, string>): Promise<BundleFigure[]> {
  const browser = await launchChromium();
  const figures: BundleFigure[] = [];
  try {
    for (const [name, path] of Object.entries(pages)) {
      // a fresh context per page: nothing cached from the previous one
      const context = await browser.newContext();
      await context.addCookies([{ name: "authjs.session-token", value: sessionToken, url: baseUrl }]);
      const page = await context.newPage();
      const pending: Promise<{ file: string; bytes: number } | null>[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() !== "script") return;
        pending.push(
          res.body().then(
            (body) => ({ file: new URL(res.url()).pathname.split("/").pop()!, bytes: gzipSync(body, { level: 9 }).length }),
            () => null,
          ),
        );
      });
      const res = await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
      if (!res || res.status() !== 200) throw new Error(`${path} answered ${res?.status()}`);
      const scripts = (await Promise.all(pending)).filter((s): s is { file: string; bytes: number } => s !== null);
      const kb = (b: number) => Math.round(b / 102.4) / 10;
      figures.push({
        page: name,
        path,
        scripts: scripts.length,
        gzip_kb: kb(scripts.reduce((a, s) => a + s.bytes, 0)),
        largest: scripts
          .sort((a, b) => b.bytes - a.bytes)
          .slice(0, 4)
          .map((s) => ({ file: s.file, gzip_kb: kb(s.bytes) })),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}
