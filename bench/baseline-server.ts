// The campaign list's baseline: a bare node:http server on postgres.js running the very SQL the app runs
// for `GET /api/v1/workspaces/:id/campaigns` — the session and membership lookup (one statement) and the
// list page — the app's own compiled statements (their SQL text and parameters, with each request's values
// filled in as the app fills them), prepared or not as the app sends them. No framework, no ORM at request time, no
// validation beyond the path: what the app's overhead is measured against.
// Run by bench/list.ts: PORT=… DATABASE_URL=… node --import tsx bench/baseline-server.ts
import { createServer } from "node:http";
import postgres from "postgres";
import { campaignListStatement } from "@/db/queries/campaigns";
import { sessionMembershipStatement, sessionMembershipValues } from "@/db/queries/workspaces";

const session = sessionMembershipStatement();

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
    const [row] = token
      ? await sql.unsafe(session.sql, session.bind(sessionMembershipValues(token, m[1])) as never[], { prepare: session.prepare })
      : [];
    if (!row) return send(401, { title: "Sign in" });
    if (!row.member) return send(404, { title: "Not found" });
    const list = campaignListStatement(m[1], { limit: 50 });
    const rows = await sql.unsafe(list.statement.sql, list.statement.bind(list.values) as never[], { prepare: list.statement.prepare });
    send(200, { campaigns: rows.slice(0, 50), next_cursor: rows.length > 50 ? "x" : null, prev_cursor: null });
  } catch (error) {
    send(500, { title: String(error) });
  }
});
server.listen(Number(process.env.PORT), "127.0.0.1");
