import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { after } from "next/server";
import { observeStatements } from "@/db";
import { sqlStatsEnabled } from "@/lib/env";

// SQL_STATS=1 (never on in a normal start): each page render logs one line after its response,
//   [sql-stats] {"tag":…,"statements":4,"sessions":1,"memberships":1,"sql":[first line of each]}
// `tag` is the request's `x-sql-stats-tag` header, so a test can find the line of its own request.
// The scope is React's per-render cache (an AsyncLocalStorage inside React): statements sent outside a
// render — the job worker, the sweeper, route handlers — have no scope and are not counted.

type RenderStats = { sql: string[] };

const inRender = cache(() => ({}));

const renderStats = cache((): RenderStats => {
  const stats: RenderStats = { sql: [] };
  const tag = headers().then((h) => h.get("x-sql-stats-tag"));
  after(async () => console.log(`[sql-stats] ${JSON.stringify(summarize(stats, await tag))}`));
  return stats;
});

export function summarize(stats: RenderStats, tag: string | null) {
  return {
    tag,
    statements: stats.sql.length,
    // the session lookup (lib/auth/session.ts) and the membership query (db/queries/workspaces.ts)
    sessions: stats.sql.filter((s) => /from "sessions"/.test(s)).length,
    memberships: stats.sql.filter((s) => /"agency_member"/.test(s)).length,
    sql: stats.sql.map((s) => (s.length > 160 ? `${s.slice(0, 160)}…` : s)),
  };
}

function count(sql: string): void {
  if (inRender() !== inRender()) return; // no render scope: background work or a route handler
  renderStats().sql.push(sql.replace(/\s+/g, " "));
}

if (sqlStatsEnabled()) observeStatements(count);
