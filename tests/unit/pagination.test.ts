import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { campaignListQuery, campaignOrder, encodeCursor, pageQuery, parseQuery, parseQueryLeniently } from "@/lib/api/pagination";

// The query schemas of the lists, as the API (parseQuery: a 422) and the pages (parseQueryLeniently: left
// out, with a note) read them: a cursor counts only in the order it was issued for.

const ID = "0b7c9e11-3f1c-4a4e-8b7d-6a0d5b7c9e11";
const at = new Date("2024-05-01T10:00:00.000Z");

describe("list query schemas", () => {
  it("campaigns: created_at newest first by default; names A→Z, numbers largest first", () => {
    const q = parseQuery(campaignListQuery, new URLSearchParams(""));
    expect(q).toMatchObject({ sort: "created_at", limit: 50, cursor: null });
    expect(campaignOrder(q)).toBe("desc");
    expect(campaignOrder(parseQuery(campaignListQuery, new URLSearchParams("sort=name")))).toBe("asc");
    expect(campaignOrder(parseQuery(campaignListQuery, new URLSearchParams("sort=total_pickups")))).toBe("desc");
    expect(campaignOrder(parseQuery(campaignListQuery, new URLSearchParams("sort=name&order=desc")))).toBe("desc");
  });

  it("a cursor is read in its own order only: the API refuses another, a page leaves it out", () => {
    const byName = encodeCursor({ sort: "name", order: "asc", back: false, value: "Winback", id: ID });
    expect(parseQuery(campaignListQuery, new URLSearchParams(`sort=name&cursor=${byName}`)).cursor).toEqual({
      sort: "name",
      order: "asc",
      back: false,
      value: "Winback",
      id: ID,
    });
    expect(() => parseQuery(campaignListQuery, new URLSearchParams(`sort=name&order=desc&cursor=${byName}`))).toThrow(/cursor/);
    const lenient = parseQueryLeniently(campaignListQuery.omit({ limit: true }), { sort: "dials", cursor: byName, q: "win" });
    expect(lenient.query).toMatchObject({ sort: "dials", cursor: null, q: "win" });
    expect(lenient.ignored).toEqual([{ path: "cursor", message: expect.stringContaining("sort=name&order=asc") }]);
  });

  it("a list with one order of its own (not created_at) takes its own cursors", () => {
    const schema = pageQuery({ started_at: auditEvents.createdAt });
    const cursor = encodeCursor({ sort: "started_at", order: "desc", back: true, value: at, id: ID });
    expect(parseQuery(schema, { cursor }).cursor).toEqual({ sort: "started_at", order: "desc", back: true, value: at, id: ID });
    expect(() => parseQuery(schema, { cursor: encodeCursor({ createdAt: at, id: ID }) })).toThrow(/cursor/);
  });
});
