import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { json, withUser, withWorkspace } from "@/lib/api/guard";
import { campaignListQuery } from "@/lib/api/pagination";
import { addMember, call, signedInUser, type TestUser } from "../helpers/api";
import { createWorkspaceAs } from "../helpers/workspaces";

// The one guard parses a route's query string and body with the route's own schemas, after it has decided
// who may call it, and hands the handler parsed, typed values. Routes read neither by hand.

const bodySchema = z.strictObject({ name: z.string().trim().min(1, "Name is required"), count: z.number().int().default(1) });
const querySchema = z.object({
  tag: z.enum(["a", "b"], { error: "Must be a or b" }).optional(),
  size: z.coerce.number().int().max(10, "At most 10").optional(),
});

let handled: unknown[] = [];
const route = withWorkspace(
  { permission: "campaigns.create", body: bodySchema, query: querySchema },
  async ({ body, query, workspaceId }) => {
    // typed: body.name is a string, query.size a number or undefined
    handled.push({ body, query, workspaceId });
    return json({ name: body.name.toUpperCase(), count: body.count, tag: query.tag ?? null, size: query.size ?? null });
  },
);
const listRoute = withWorkspace({ permission: "campaigns.view", query: campaignListQuery }, async ({ query }) =>
  json({ sort: query.sort, limit: query.limit }),
);
const userRoute = withUser({ body: bodySchema }, async ({ body }) => json({ name: body.name }));
const plainRoute = withWorkspace({ permission: "campaigns.view" }, async ({ query, body }) =>
  json({ query: query ?? null, body: body ?? null }),
);

let owner: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let workspaceId: string;

beforeAll(async () => {
  owner = await signedInUser();
  viewer = await signedInUser();
  stranger = await signedInUser();
  workspaceId = (await createWorkspaceAs(owner, "Guarded")).id;
  await addMember(workspaceId, viewer, "viewer");
});

const post = (
  user: TestUser | null,
  options: { query?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
) => call(route as never, "POST", "", { user, params: { workspace_id: workspaceId }, ...options });

describe("the guard parses with the route's schemas", () => {
  it("hands the handler the parsed body and query (trimmed, defaulted, coerced)", async () => {
    handled = [];
    const res = await post(owner, { query: "tag=a&size=3&ignored=1", body: { name: "  ada " } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ name: "ADA", count: 1, tag: "a", size: 3 });
    expect(handled).toEqual([{ body: { name: "ada", count: 1 }, query: { tag: "a", size: 3 }, workspaceId }]);
  });

  it("refuses a bad query string with a 422 naming each parameter, before the handler runs", async () => {
    handled = [];
    const res = await post(owner, { query: "tag=c&size=11", body: { name: "ada" } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["size", "tag"]);
    expect(handled).toEqual([]);
  });

  it("refuses a bad body: 415 not JSON, 400 malformed, 413 too large, 422 naming each field", async () => {
    handled = [];
    expect((await post(owner, { rawBody: "name=ada", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    expect((await post(owner, { rawBody: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await post(owner, { body: { name: "x".repeat(70_000) } })).status).toBe(413);
    const invalid = await post(owner, { body: { name: "", count: 1.5, extra: true } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["count", "extra", "name"]);
    expect(handled).toEqual([]);
  });

  it("decides who may call first: 401, 404 for a stranger and 403 for a role too low, whatever the input", async () => {
    const bad = { query: "tag=zzz", rawBody: "{", headers: { "content-type": "application/json" } };
    expect((await post(null, bad)).status).toBe(401);
    expect((await post(stranger, bad)).status).toBe(404);
    expect((await post(viewer, bad)).status).toBe(403);
    expect((await call(userRoute as never, "POST", "", { user: null, rawBody: "{" })).status).toBe(401);
  });

  it("withUser parses its body the same way", async () => {
    expect((await call(userRoute as never, "POST", "", { user: owner, body: { name: " x " } })).body).toEqual({ name: "x" });
    expect((await call(userRoute as never, "POST", "", { user: owner, body: {} })).body.errors).toEqual([
      { path: "name", message: expect.any(String) },
    ]);
  });

  it("a list's query schema: defaults, and a cursor checked against the sort asked", async () => {
    const list = (query: string) => call(listRoute as never, "GET", "", { user: viewer, params: { workspace_id: workspaceId }, query });
    expect((await list("")).body).toEqual({ sort: "created_at", limit: 50 });
    expect((await list("sort=name&limit=5")).body).toEqual({ sort: "name", limit: 5 });
    const misfit = await list(
      `sort=dials&cursor=${Buffer.from(`2024-01-01T00:00:00.000Z|0b7c9e11-3f1c-4a4e-8b7d-6a0d5b7c9e11`).toString("base64url")}`,
    );
    expect(misfit.status).toBe(422);
    expect(misfit.body.errors).toEqual([{ path: "cursor", message: expect.stringContaining("sort=created_at&order=desc") }]);
  });

  it("a route without schemas reads neither (but NUL in the query string is still refused)", async () => {
    const get = (query: string) =>
      call(plainRoute as never, "GET", "", { user: viewer, params: { workspace_id: workspaceId }, query, body: undefined });
    expect((await get("anything=1")).body).toEqual({ query: null, body: null });
    expect((await get("q=a%00b")).status).toBe(422);
  });
});

describe("route handlers", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
  // the JSON API (app/api/v1); health, Auth.js and the webhook (its secret URL is its key) have no session
  const routes = files("app/api/v1").filter((f) => f.endsWith("route.ts"));

  it("go through the guard and never read the query string or the body by hand", () => {
    expect(routes.length).toBeGreaterThan(15);
    for (const file of routes) {
      const text = readFileSync(file, "utf8");
      for (const [, , handler] of text.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = ([^\n]*)/g))
        expect(handler, file).toMatch(/^with(User|Workspace)\(/);
      expect(text, file).not.toMatch(/export (async )?function/);
      expect(text, file).not.toMatch(/searchParams|new URL\(req\.url\)|readJson|parseWith|parseBody|parseQuery|req\.json\(|req\.text\(/);
    }
  });

  it("build no JSON shape of their own (lib/api/serialize.ts does)", () => {
    for (const file of routes) expect(readFileSync(file, "utf8"), file).not.toMatch(/[{,]\s*[a-z]+_[a-z0-9_]+:\s/);
  });
});
