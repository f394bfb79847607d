// The workspace switcher's options, grouped on the server (the console layout) and filtered in the browser
// (components/workspace-switcher.tsx). Options travel as short tuples: a person in a thousand workspaces
// would otherwise send a thousand objects with ids in every page's payload.

export type SwitcherWorkspace = { id: string; slug: string; name: string; kind: "team" | "agency"; parentId: string | null; role: string };

/** How an option is drawn: an agency, a client under its agency (indented), any other workspace. */
export const AGENCY = 1;
export const CLIENT = 2;
export const OTHER = 0;

/** One option: slug, name, the person's role there, and how it is drawn. */
export type SwitcherOption = [slug: string, name: string, role: string, place: typeof AGENCY | typeof CLIENT | typeof OTHER];
export type SwitcherGroup = { label: string; items: SwitcherOption[] };

/** Agencies, each followed by its clients; then every other workspace. */
export function groupWorkspaces(workspaces: SwitcherWorkspace[]): SwitcherGroup[] {
  const agencies = workspaces.filter((w) => w.kind === "agency");
  const agencyIds = new Set(agencies.map((a) => a.id));
  const option = (w: SwitcherWorkspace, place: SwitcherOption[3]): SwitcherOption => [w.slug, w.name, w.role, place];
  const groups: SwitcherGroup[] = agencies.map((a) => ({
    label: a.name,
    items: [option(a, AGENCY), ...workspaces.filter((w) => w.parentId === a.id).map((w) => option(w, CLIENT))],
  }));
  const others = workspaces.filter((w) => w.kind !== "agency" && !(w.parentId && agencyIds.has(w.parentId)));
  groups.push({ label: agencies.length ? "Other workspaces" : "Workspaces", items: others.map((w) => option(w, OTHER)) });
  return groups;
}

/** The groups' options whose name has what was typed (a group whose options all fall out is dropped). */
export function filterGroups(groups: SwitcherGroup[], query: string): SwitcherGroup[] {
  const q = query.trim().toLocaleLowerCase();
  const filtered = q ? groups.map((g) => ({ label: g.label, items: g.items.filter((o) => o[1].toLocaleLowerCase().includes(q)) })) : groups;
  return filtered.filter((g) => g.items.length > 0);
}
