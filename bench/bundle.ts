import { gzipSync } from "node:zlib";
import { launchChromium } from "../tests/helpers/browser";

// First-load JavaScript of each console page, as a browser gets it: Chromium (playwright-core) opens the
// page signed in, and every script it downloads before the load event is counted, gzip-compressed here
// (level 9, what a CDN or proxy in front of `next start` would send). Run by bench/list.ts against the
// production build it starts; the figure is the sum over all scripts, and the largest ones are named.

export type BundleFigure = { page: string; path: string; scripts: number; gzip_kb: number; largest: { file: string; gzip_kb: number }[] };

export async function measureBundles(
  baseUrl: string,
  sessionToken: string,
  pages: Record<string, string>,
  top = 4,
): Promise<BundleFigure[]> {
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
          .slice(0, top)
          .map((s) => ({ file: s.file, gzip_kb: kb(s.bytes) })),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}

// `BENCH_ONLY=bundle npm run bench` (or `tsx --conditions=react-server bench/bundle.ts`): the same figures
// without the list bench's millions of rows, on a small database of its own (one team workspace with a
// campaign, one agency with a client), printed with the largest scripts of each page.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { default: postgres } = await import("postgres");
  const { freshDatabase } = await import("./common");
  const { appSecrets, startNext } = await import("./next");
  Object.assign(process.env, appSecrets);
  process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
  const db = await freshDatabase();
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  let app: Awaited<ReturnType<typeof startNext>> | undefined;
  try {
    const [user] = await sql`insert into users (id, email) values (gen_random_uuid()::text, 'bench-bundle@example.test') returning id`;
    const token = `bench-session-${Date.now()}`;
    await sql`insert into sessions (session_token, user_id, expires) values (${token}, ${user.id}, now() + interval '1 day')`;
    const [team] = await sql`insert into workspaces (name, slug) values ('Bench', 'bench-1') returning id, slug`;
    const [agency] =
      await sql`insert into workspaces (name, slug, kind) values ('Bench Agency', 'bench-agency', 'agency') returning id, slug`;
    await sql`insert into workspaces (name, slug, parent_id) values ('Bench Client', 'bench-client', ${agency.id})`;
    await sql`insert into workspace_members (workspace_id, user_id, role) values (${team.id}, ${user.id}, 'owner'), (${agency.id}, ${user.id}, 'owner')`;
    const [campaign] = await sql`
      insert into campaigns (workspace_id, status, name, agent_id, start_time, end_time, min_calls_per_hour, max_calls_per_hour,
        idempotency_key, request_hash, created_by, nedzo_campaign_id)
      values (${team.id}, 'created', 'Renewals', '3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11', '09:00', '17:00', 1, 10,
        'seed-1', 'x', ${user.id}, gen_random_uuid())
      returning id`;
    app = await startNext(db.url);
    const w = `/w/${team.slug}`;
    const figures = await measureBundles(
      app.url,
      token,
      {
        campaigns: w,
        campaign: `${w}/campaigns/${campaign.id}`,
        "new campaign": `${w}/campaigns/new`,
        members: `${w}/members`,
        settings: `${w}/settings`,
        audit: `${w}/audit`,
        "new workspace": "/w/new",
        "agency home": `/w/${agency.slug}`,
        "agency members": `/w/${agency.slug}/members`,
      },
      Number(process.env.BUNDLE_TOP ?? 6),
    );
    for (const f of figures) {
      process.stdout.write(
        `${f.page}: ${f.gzip_kb} kB in ${f.scripts} scripts; ${f.largest.map((l) => `${l.file} ${l.gzip_kb}`).join(", ")}\n`,
      );
    }
    process.stdout.write(`largest page: ${Math.max(...figures.map((f) => f.gzip_kb))} kB (target ≤ 180)\n`);
  } finally {
    await app?.stop();
    await sql.end();
    await db.drop();
  }
}
