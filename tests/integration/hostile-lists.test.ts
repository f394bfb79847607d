import { beforeAll, describe, expect, it } from "vitest";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as auditRoute from "@/app/api/v1/workspaces/[workspace_id]/audit-events/route";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

// Issue 7: hostile input that once answered 500 — deep JSON, forged cursors, out-of-range dates.

useSandbox();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await liveWorkspace();
});

const b64 = (s: string) => Buffer.from(s).toString("base64url");
const UUID = "0b7c9e11-3f1c-4a4e-8b7d-6a0d5b7c9e11";

const lists = [
  { name: "GET campaigns", handler: campaignsRoute.GET },
  { name: "GET audit-events", handler: auditRoute.GET },
];

function list(handler: (typeof lists)[number]["handler"], query: string) {
  return call(handler as never, "GET", "", { user: ws.owner, params: { workspace_id: ws.id }, query });
}

function expectProblemOn(res: Awaited<ReturnType<typeof call>>, path: string) {
  expect(res.status, res.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

describe("deeply nested JSON bodies", () => {
  it("refuses nesting deeper than the bound with a 422 naming the field, within 64 KiB", async () => {
    const depth = 30_000; // 60 000 bytes: under the body limit
    const rawBody = `{"name": ${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const res = await call(workspacesRoute.POST as never, "POST", "", {
      user: ws.owner,
      rawBody,
      headers: { "content-type": "application/json" },
    });
    expect(res.status, res.text.slice(0, 300)).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.errors).toEqual([{ path: "name", message: expect.stringContaining("nested") }]);
  });

  it("refuses a deeply nested body at its root as the body", async () => {
    const depth = 32_000;
    const rawBody = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const res = await call(campaignsRoute.POST as never, "POST", "", {
      user: ws.owner,
      params: { workspace_id: ws.id },
      rawBody,
      headers: { "content-type": "application/json" },
    });
    expect(res.status, res.text.slice(0, 300)).toBe(422);
    expect(res.body.errors).toEqual([{ path: "body", message: expect.stringContaining("nested") }]);
  });

  it("still accepts (and names the NUL in) a body nested within the bound", async () => {
    const rawBody = JSON.stringify({ name: [[[["a\u0000"]]]] });
    const res = await call(workspacesRoute.POST as never, "POST", "", {
      user: ws.owner,
      rawBody,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "name.0.0.0.0", message: expect.stringContaining("NUL") }]);
  });
});

describe.each(lists)("$name: forged cursors", ({ handler }) => {
  it.each([
    ["a timestamp and a non-UUID of UUID length", b64(`2024-01-01T00:00:00.000Z|${"-".repeat(36)}`)],
    ["a timestamp and a hex non-UUID", b64(`2024-01-01T00:00:00.000Z|${"a".repeat(36)}`)],
    ["a timestamp past PostgreSQL's range", b64(`+275760-09-13T00:00:00.000Z|${UUID}`)],
    ["a timestamp before PostgreSQL's range", b64(`-271821-04-20T00:00:00.000Z|${UUID}`)],
    ["year 0", b64(`0000-01-01T00:00:00.000Z|${UUID}`)],
    ["three parts", b64(`2024-01-01T00:00:00.000Z|${UUID}|x`)],
    ["one part", b64("2024-01-01T00:00:00.000Z")],
    ["a loose date", b64(`May 1 2024|${UUID}`)],
    ["junk base64", "!!!!@@@@"],
    ["a huge string", "A".repeat(100_000)],
  ])("%s → 4xx on cursor", async (_, cursor) => {
    expectProblemOn(await list(handler, `cursor=${encodeURIComponent(cursor)}`), "cursor");
  });
});

describe("GET audit-events: dates out of range", () => {
  it.each([
    "-271821-04-20T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "0000-01-01",
    "0000-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "10000-01-01",
  ])("from and to = %s → 422 on from and to", async (date) => {
    const res = await list(auditRoute.GET, `from=${encodeURIComponent(date)}&to=${encodeURIComponent(date)}`);
    expect(res.status, res.text.slice(0, 300)).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["from", "to"]);
  });

  it("still takes a date or a date-time within range", async () => {
    const res = await list(auditRoute.GET, "from=2020-01-01&to=2999-12-31T23:59:59.999Z");
    expect(res.status, res.text).toBe(200);
    expect(res.body.events.length).toBeGreaterThan(0);
  });
});

describe("wide but shallow JSON bodies", () => {
  it("answers thousands of unknown fields with a bounded problem, not one entry (and one line of detail) per key", async () => {
    const rawBody = `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":0`).join(",")}}`;
    const res = await call(workspacesRoute.POST as never, "POST", "", {
      user: ws.owner,
      rawBody,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.length).toBeLessThanOrEqual(50);
    expect(res.body.detail).toMatch(/and \d+ more/);
    expect(res.text.length).toBeLessThan(16 * 1024);
  });
});
