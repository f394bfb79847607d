import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { syncStates } from "@/db/calls-schema";
import { portfolioFigures, sumFigures } from "@/db/queries/portfolio";
import { connectionsFor, listMemberships, type Membership } from "@/db/queries/workspaces";
import { workspaces } from "@/db/schema";
import { serializeFigures, serializePortfolioRow, serializeSuspendedPortfolioRow } from "@/lib/api/serialize";
import { can } from "@/lib/auth/permissions";

// The board an agency opens every morning: per client the figures of its campaigns, freshness and connection
// state, with totals. A team workspace's home shows the same for itself. Clients that suspended the agency
// appear by name only; clients a limited member may not reach do not appear at all.

export async function portfolio(at: Membership, userId: string, range: { from?: Date; to?: Date }) {
  const isAgency = at.workspace.kind === "agency";
  const reachable = isAgency ? (await listMemberships(userId)).filter((m) => m.workspace.parentId === at.workspace.id) : [at];
  const ids = reachable.map((m) => m.workspace.id);
  const suspended =
    isAgency && can(at.role, "clients.manage")
      ? (
          await getDb()
            .select()
            .from(workspaces)
            .where(and(eq(workspaces.parentId, at.workspace.id), sql`${workspaces.agencyAccessSuspendedAt} is not null`))
        ).filter((w) => !ids.includes(w.id))
      : [];
  const [figures, connections, states] = await Promise.all([
    portfolioFigures(ids, range),
    connectionsFor(ids),
    ids.length ? getDb().select().from(syncStates).where(inArray(syncStates.workspaceId, ids)) : Promise.resolve([]),
  ]);
  const stateOf = new Map(states.map((s) => [s.workspaceId, s]));
  const rows = reachable.map((m) =>
    serializePortfolioRow(
      m.workspace,
      figures.get(m.workspace.id)!,
      connections.get(m.workspace.id) ?? null,
      stateOf.get(m.workspace.id) ?? null,
    ),
  );
  return {
    rows: [...rows, ...suspended.map(serializeSuspendedPortfolioRow)].sort((a, b) => a.workspace.name.localeCompare(b.workspace.name)),
    totals: serializeFigures(sumFigures([...figures.values()])),
  };
}
