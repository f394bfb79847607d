import { describe, expect, it } from "vitest";
import { AGENCY, CLIENT, OTHER, filterGroups, groupWorkspaces, type SwitcherWorkspace } from "@/components/workspace-groups";

// The workspace switcher's groups: agencies each followed by their clients, then every other workspace;
// filtered by name as typed, a group whose options all fall out dropped (its label kept while any remains).

const ws = (slug: string, name: string, kind: "team" | "agency" = "team", parentId: string | null = null): SwitcherWorkspace => ({
  id: `id-${slug}`,
  slug,
  name,
  kind,
  parentId,
  role: "owner",
});

const all = [
  ws("northwind", "Northwind Agency", "agency"),
  ws("rye", "Rye Client", "team", "id-northwind"),
  ws("blue", "Blue Bakery"),
  // a client whose agency the person is not in: among the others, not indented
  ws("stray", "Stray Client", "team", "id-elsewhere"),
];

describe("groupWorkspaces / filterGroups", () => {
  it("groups agencies with their clients, then the others", () => {
    expect(groupWorkspaces(all)).toEqual([
      {
        label: "Northwind Agency",
        items: [
          ["northwind", "Northwind Agency", "owner", AGENCY],
          ["rye", "Rye Client", "owner", CLIENT],
        ],
      },
      {
        label: "Other workspaces",
        items: [
          ["blue", "Blue Bakery", "owner", OTHER],
          ["stray", "Stray Client", "owner", OTHER],
        ],
      },
    ]);
    expect(groupWorkspaces([ws("blue", "Blue Bakery")])).toEqual([
      { label: "Workspaces", items: [["blue", "Blue Bakery", "owner", OTHER]] },
    ]);
    expect(filterGroups(groupWorkspaces([]), "")).toEqual([]);
  });

  it("filters by name, case-insensitively, keeping an agency's label for its matching clients", () => {
    const groups = groupWorkspaces(all);
    expect(filterGroups(groups, "")).toEqual(groups);
    expect(filterGroups(groups, " RYE ")).toEqual([{ label: "Northwind Agency", items: [["rye", "Rye Client", "owner", CLIENT]] }]);
    expect(filterGroups(groups, "client").map((g) => g.items.map((o) => o[0]))).toEqual([["rye"], ["stray"]]);
    expect(filterGroups(groups, "zzz")).toEqual([]);
  });
});
