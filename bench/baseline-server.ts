// The campaign list's baseline: a bare node:http server on postgres.js running the very SQL the app runs
// for `GET /api/v1/workspaces/:id/campaigns` — the session lookup, the membership lookup and the list page —
// taken from the app's own query builders (toSQL) once, then sent as prepared statements with each
// request's values. No framework, no ORM at request time, no validation beyond the path: what the app's
// overhead is measured against. Run by bench/list.ts: PORT=… DATABASE_URL=… node --import tsx bench/baseline-server.ts
import { createServer } from "node:http";
import postgres from "postgres";
import { campaignListSelect } from "@/db/queries/campaigns";
import { membershipSelect } from "@/db/queries/workspaces";
import { sessionUserSelect } from "@/lib/auth/session";

const TOKEN = "\u0001token";
const USER = "\u0001user";
const WORKSPACE = "00000000-0000-4000-8000-00000000beef";

const session = sessionUserSelect(TOKEN).toSQL();
const membership = membershipSelect({ id: WORKSPACE }, USER).toSQL();
const list = campaignListSelect(WORKSPACE, { limit: 50 }).toSQL();

/** The query's parameters with this request's values where the builders got our placeholders. */
const bind = (params: unknown[], values: Record<string, unknown>) =>
  params.map((p) => (p instanceof Date ? new Date() : typeof p === "string" && p in values ? values[p] : p)) as never[];

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });

function cookieToken(header: string | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === "authjs.session-token") return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

const server = createServer(async (req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  try {
    if (req.url === "/health") return send(200, { ok: true });
    const m = /^\/api\/v1\/workspaces\/([0-9a-f-]{36})\/campaigns/.exec(req.url ?? "");
    if (!m) return send(404, { title: "Not found" });
    const token = cookieToken(req.headers.cookie);
    const [user] = token ? await sql.unsafe(session.sql, bind(session.params, { [TOKEN]: token }), { prepare: true }) : [];
    if (!user) return send(401, { title: "Sign in" });
    const values = { [USER]: user.id, [WORKSPACE]: m[1] };
    const [member] = await sql.unsafe(membership.sql, bind(membership.params, values), { prepare: true });
    if (!member) return send(404, { title: "Not found" });
    const rows = await sql.unsafe(list.sql, bind(list.params, values), { prepare: true });
    send(200, { campaigns: rows.slice(0, 50), next_cursor: rows.length > 50 ? "x" : null, prev_cursor: null });
  } catch (error) {
    send(500, { title: String(error) });
  }
});
server.listen(Number(process.env.PORT), "127.0.0.1");
