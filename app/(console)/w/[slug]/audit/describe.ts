import type { AuditEvent, Workspace } from "@/db/schema";

// What an audit row is about, in words: the campaign's name, the member's or invitee's email — read from
// the row's metadata (where the writer put them), the other rows on the page, and the people of the trail.

export type Target = { text: string; href?: string; detail?: string };

const str = (v: unknown) => (typeof v === "string" && v ? v : null);
const short = (id: string | null) => (id ? `${id.slice(0, 8)}…` : "");

export function describeTargets(events: AuditEvent[], ctx: { workspace: Workspace; slug: string; people: Map<string, string> }) {
  // a campaign's name, from any row on the page that carries it (create, retry…); link and mark_failed don't
  const campaignNames = new Map<string, string>();
  for (const e of events) {
    const name = str(e.metadata.name);
    if (e.targetType === "campaign" && e.targetId && name) campaignNames.set(e.targetId, name);
  }
  return (e: AuditEvent): Target => {
    const m = e.metadata;
    switch (e.targetType) {
      case "campaign":
        return {
          text: (e.targetId && campaignNames.get(e.targetId)) ?? `Campaign ${short(e.targetId)}`,
          href: e.targetId ? `/w/${ctx.slug}/campaigns/${e.targetId}` : undefined,
        };
      case "user":
        return { text: (e.targetId && ctx.people.get(e.targetId)) ?? `Member ${short(e.targetId)}` };
      case "invitation":
        return { text: str(m.email) ?? `Invitation ${short(e.targetId)}`, detail: "invitation" };
      case "nedzo_connection": {
        const mode = str(m.mode);
        const last4 = str(m.token_last4);
        return { text: "Nedzo connection", detail: mode === "live" && last4 ? `live ••••${last4}` : (mode ?? undefined) };
      }
      case "workspace":
        if (e.targetId === ctx.workspace.id) return { text: str(m.name) ?? ctx.workspace.name, detail: "this workspace" };
        if (e.targetId && e.targetId === ctx.workspace.parentId) return { text: "Its agency", detail: "agency" };
        return { text: str(m.client) ?? str(m.name) ?? `Workspace ${short(e.targetId)}`, detail: "client" };
      default:
        return { text: `${e.targetType} ${short(e.targetId)}`.trim() };
    }
  };
}

/** The metadata worth reading, as "key: value" pairs (names and emails already show as the target). */
export function detailsOf(e: AuditEvent): string {
  const shown = new Set(["name", "email", "client", "token_last4", "mode"]);
  return Object.entries(e.metadata)
    .filter(([k, v]) => !shown.has(k) && v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k.replace(/_/g, " ")}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ");
}
