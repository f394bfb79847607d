import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import postgres from "postgres";
import { createSandbox, SandboxConnectionDropped, type Sandbox, type SandboxOptions } from "@/lib/nedzo/sandbox/handler";
import { startApp, type AppServer } from "./app-server";
import { launchChromium } from "./browser";
import { httpSession } from "./e2e";
import { startSmtpSink } from "./smtp-sink";

// Two production instances (`next start` of the one build) sharing what a deployment shares: one
// PostgreSQL database (fresh per test file, migrated once, dropped after), one AUTH_SECRET, one
// NEDZO_TOKEN_KEY, one mail server, and one Nedzo — a single sandbox over HTTP, so that both instances see
// the same campaigns and the same per-token write limit (the in-process sandbox of sandbox mode lives in
// each process's memory, so it cannot be shared). Each instance keeps its own AUTH_URL: its own origin
// (the API's Origin check and mailed links use it). Cookies belong to a host, not a port, so a session
// cookie set by http://localhost:A is sent to http://localhost:B as well: the scenario of one user whose
// requests land on either instance behind a load balancer.
//
// Each instance reaches the sandbox under its own path prefix (`<sandbox>/via/a`, `/via/b`): the sandbox
// strips it and records which instance sent each request, when it arrived and when it was answered.

const root = path.resolve(import.meta.dirname, "../..");
export const POSTGRES_BASE = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function postgresReachable(url = POSTGRES_BASE): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** One request the sandbox received: from which instance, for which token, arrived `at`, answered `done`. */
export type SandboxHit = {
  via: string;
  method: string;
  path: string;
  query: URLSearchParams;
  token: string;
  at: number;
  done: number;
  status: number;
};

export type RecordingSandbox = Sandbox & {
  url: string;
  server: Server;
  hits: SandboxHit[];
  /** Base URL for one instance: requests under it are recorded as `via`. */
  baseFor: (via: string) => string;
  /** Holds each `GET /v1/conversations/` this long before answering (a slow Nedzo makes overlaps visible). */
  setConversationDelay: (ms: number) => void;
  close: () => Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRecordingSandbox(options: SandboxOptions = {}): Promise<RecordingSandbox> {
  const sandbox = createSandbox(options);
  const hits: SandboxHit[] = [];
  let conversationDelayMs = 0;
  const server = createServer(async (msg, res) => {
    const at = Date.now();
    const url = new URL(msg.url ?? "/", "http://sandbox.local");
    const prefixed = /^\/via\/([a-z0-9-]+)(\/.*)?$/.exec(url.pathname);
    const rest = prefixed ? (prefixed[2] ?? "/") : url.pathname;
    const auth = msg.headers.authorization ?? "";
    const hit: SandboxHit = {
      via: prefixed?.[1] ?? "",
      method: msg.method ?? "GET",
      path: rest.replace(/\/+$/, "") || "/",
      query: url.searchParams,
      token: auth.startsWith("Bearer ") ? auth.slice(7).trim() : "",
      at,
      done: 0,
      status: 0,
    };
    hits.push(hit);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of msg) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(msg.headers)) if (typeof v === "string") headers.set(k, v);
      const hasBody = hit.method !== "GET" && hit.method !== "HEAD";
      if (hit.method === "GET" && hit.path === "/v1/conversations" && conversationDelayMs) await sleep(conversationDelayMs);
      const response = await sandbox.handle(
        new Request(`http://sandbox.local${rest}${url.search}`, {
          method: hit.method,
          headers,
          body: hasBody ? Buffer.concat(chunks) : undefined,
        }),
      );
      const body = Buffer.from(await response.arrayBuffer());
      hit.status = response.status;
      hit.done = Date.now();
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(body);
    } catch (error) {
      hit.done = Date.now();
      if (error instanceof SandboxConnectionDropped) return void msg.socket.destroy();
      hit.status = 500;
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ status_code: 500, message: "Sandbox error", data: null }));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...sandbox,
    url,
    server,
    hits,
    baseFor: (via) => `${url}/via/${via}`,
    setConversationDelay: (ms) => void (conversationDelayMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

export type ScaleOutWorld = {
  /** instance A and instance B */
  a: AppServer;
  b: AppServer;
  sandbox: RecordingSandbox;
  sink: Sink;
  browser: Browser;
  /** the shared database, for assertions a user cannot make (jobs, sync states) */
  sql: postgres.Sql;
};

/**
 * Two instances on one fresh PostgreSQL database, one sandbox, one SMTP sink, one Chromium, per test file.
 * Both apps' logs are printed when a test fails. Returns a getter, valid from beforeAll on.
 */
export function useScaleOut(extraEnv: Record<string, string> = {}): () => ScaleOutWorld {
  let world: Partial<ScaleOutWorld> = {};
  let failed = false;
  const dbName = `cc_e2e_scale_${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    const admin = postgres(POSTGRES_BASE, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${dbName}"`);
    await admin.end();
    const databaseUrl = new URL(POSTGRES_BASE);
    databaseUrl.pathname = `/${dbName}`;
    const sink = await startSmtpSink();
    const sandbox = await startRecordingSandbox();
    world = { sink, sandbox, sql: postgres(databaseUrl.toString(), { max: 2, onnotice: () => {} }) };
    const shared = {
      DATABASE_URL: databaseUrl.toString(),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEDZO_TOKEN_KEY: randomBytes(32).toString("base64"),
      EMAIL_SERVER: sink.url,
      ...extraEnv,
    };
    // migrated once, before either instance starts
    const migrated = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      cwd: root,
      env: { ...process.env, ...shared, NODE_ENV: "production", AUTH_URL: "http://localhost:3000" },
      encoding: "utf8",
    });
    if (migrated.status !== 0) throw new Error(`migrations failed: ${migrated.stderr}`);
    const [a, b] = await Promise.all(
      ["a", "b"].map((via) => startApp({ ...shared, NEDZO_API_BASE_URL: sandbox.baseFor(via) }, { migrate: false })),
    );
    world = { ...world, a, b, browser: await launchChromium() };
  });
  afterEach(({ task }) => {
    if (task.result?.state === "fail") failed = true;
  });
  afterAll(async () => {
    if (failed) {
      console.log(`instance A log:\n${world.a?.logs.join("")}`);
      console.log(`instance B log:\n${world.b?.logs.join("")}`);
    }
    await world.browser?.close();
    await Promise.all([world.a?.stop(), world.b?.stop()]);
    await world.sandbox?.close();
    await world.sink?.close();
    await world.sql?.end({ timeout: 5 });
    const admin = postgres(POSTGRES_BASE, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  });
  return () => world as ScaleOutWorld;
}

/** Signs in through instance `app` (Auth.js's email form and the mailed link); returns the session cookie. */
export async function sessionCookie(app: AppServer, sink: Sink, email: string): Promise<string> {
  const session = httpSession(app, sink);
  await session.signIn(email);
  const pair = session
    .cookie()
    .split("; ")
    .find((c) => c.startsWith("authjs.session-token="));
  if (!pair) throw new Error("no session cookie after sign-in");
  return pair;
}

export type Answer = { status: number; body: any; headers: Headers };

/** One JSON call to an instance with a session cookie, from that instance's own origin (as its pages call). */
export async function callApi(
  app: AppServer,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    redirect: "manual",
    headers: { cookie, origin: app.url, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Like callApi, but a non-2xx answer is an error naming the instance and the answer. */
export async function mustCall(app: AppServer, cookie: string, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await callApi(app, cookie, method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${app.url}${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

let tokenCounter = 0;
/** A sandbox token of its own (its own pacer slot and its own write limit at the sandbox). */
export function freshToken(label: string): string {
  tokenCounter += 1;
  return `sk_test_scale_${label}_${tokenCounter}_${randomBytes(6).toString("hex")}`;
}

/** A team workspace made through `app`, connected in live mode to the shared sandbox with its own token. */
export async function liveWorkspace(app: AppServer, cookie: string, name: string, token: string): Promise<{ id: string; slug: string }> {
  const { workspace } = await mustCall(app, cookie, "POST", "/api/v1/workspaces", { name });
  await mustCall(app, cookie, "PUT", `/api/v1/workspaces/${workspace.id}/nedzo-connection`, { mode: "live", token });
  return { id: workspace.id, slug: workspace.slug };
}
