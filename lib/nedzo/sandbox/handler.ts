import { randomUUID } from "node:crypto";
import { conversationsOf, countersOf, type SandboxCampaign, type SandboxConversation } from "./conversations";
import { DEMO_AGENTS, MAGIC_AGENTS, magicFor, SANDBOX_TOKEN } from "./magic";
import { TokenBucketLimiter } from "./rate-limiter";
import { validateCampaignBody } from "./validate";

// A faithful local Nedzo as a `Request → Response` handler (see ../shared/nedzo-api.md). Sandbox-mode
// workspaces call it in-process; `npm run sandbox` serves it over HTTP.

/** createDelayMs: every create answers that late (after creating), for benches that kill a caller mid-flight. */
export type SandboxOptions = {
  ratePerSec?: number;
  burst?: number;
  slowMs?: number;
  createDelayMs?: number;
  now?: () => number;
  webhookTickMs?: number;
};

/** Thrown after a create when the magic "dropped" agent asks for the connection to close unanswered. */
export class SandboxConnectionDropped extends Error {
  constructor() {
    super("The sandbox dropped the connection after creating the campaign.");
  }
}

export type Sandbox = {
  handle: (req: Request) => Promise<Response>;
  /** What the sandbox has created, for tests that count upstream creates. */
  campaigns: () => SandboxCampaign[];
  createAttempts: () => number;
  /** creates refused by the per-token write limiter (429) */
  rateLimited: () => number;
  /** conversations posted to agents' webhook URLs */
  webhookPosts: () => number;
  /** posts the conversations that ended since the last tick (runs every second once a webhook is set) */
  deliverWebhooks: () => void;
  stop: () => void;
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://api.nedzo.ai/errors/${title.toLowerCase().replaceAll(" ", "-")}`, title, status, detail }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const now = options.now ?? Date.now;
  const limiter = new TokenBucketLimiter(options.ratePerSec ?? 1, options.burst ?? 5, now);
  const slowMs = options.slowMs ?? 30_000;
  const created = new Map<string, SandboxCampaign>();
  let attempts = 0;
  let limited = 0;

  function withCounters(c: SandboxCampaign) {
    const { token: _token, created_at: _at, ...fields } = c;
    // a campaign is created with zeroed counters, as Nedzo answers; its calls are read from conversations
    return { ...fields, ...countersOf([], now()), is_active: true };
  }

  async function createCampaign(req: Request, token: string): Promise<Response> {
    const limit = limiter.take(token);
    if (!limit.ok) {
      limited += 1;
      return problem(429, "Too Many Requests", "Write rate limit exceeded for this API key", {
        "retry-after": String(limit.retryAfterSec),
      });
    }
    attempts += 1;
    let body: unknown;
    try {
      body = JSON.parse(await req.text());
    } catch {
      return json({ detail: [{ loc: ["body", 0], msg: "JSON decode error", type: "json_invalid" }] }, 422);
    }
    const checked = validateCampaignBody(body);
    if (!checked.ok) return json({ detail: checked.detail }, 422);
    const input = checked.value;
    const magic = magicFor(input.agent_id);
    switch (magic) {
      case "unauthorized":
        return problem(401, "Unauthorized", "Invalid or missing API key");
      case "validation":
        return json({ detail: [{ loc: ["body", "agent_id"], msg: "Agent cannot run outbound campaigns", type: "value_error" }] }, 422);
      case "rateLimited":
        return problem(429, "Too Many Requests", "Write rate limit exceeded for this API key", { "retry-after": "7" });
      case "serverError":
        return json({ status_code: 500, message: "Internal server error", data: null }, 500);
      case "badGateway":
        return json({ detail: "Bad gateway" }, 502);
      case "unavailable":
        return problem(503, "Service Unavailable", "Nedzo is temporarily unavailable", { "retry-after": "30" });
    }
    if (!magic && !DEMO_AGENTS.some((a) => a.id === input.agent_id)) {
      return json({ detail: [{ loc: ["body", "agent_id"], msg: "Agent not found", type: "value_error" }] }, 422);
    }
    const campaign: SandboxCampaign = { ...input, id: randomUUID(), token, created_at: now() };
    created.set(campaign.id, campaign);
    if (magic === "dropped") throw new SandboxConnectionDropped();
    if (magic === "malformed") {
      return new Response(`{"status_code":200,"message":"Campaign created","data":{"campaign":{"id":"${campaign.id}",`, {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }
    if (magic === "slow") await sleep(slowMs);
    else if (options.createDelayMs) await sleep(options.createDelayMs);
    return json({ status_code: 201, message: "Campaign created successfully", data: { campaign: withCounters(campaign) } }, 201);
  }

  const newestFirst = (a: SandboxConversation, b: SandboxConversation) =>
    a.started < b.started ? 1 : a.started > b.started ? -1 : a.id < b.id ? 1 : -1;

  /** Every conversation of a token's campaigns, newest first (rebuilt only when one was added). */
  const listed = new Map<string, { size: number; list: SandboxConversation[] }>();
  function conversationsFor(token: string): SandboxConversation[] {
    const mine = [...created.values()].filter((c) => c.token === token);
    const per = mine.map((c) => conversationsOf(c, now()));
    const size = per.reduce((n, l) => n + l.length, 0);
    const cached = listed.get(token);
    if (cached && cached.size === size) return cached.list;
    const list = per.flat().sort(newestFirst);
    listed.set(token, { size, list });
    return list;
  }

  /** One campaign's conversations, newest first: what the token's list filtered by campaign_id holds. */
  function conversationsOfCampaign(token: string, campaignId: string): SandboxConversation[] {
    const campaign = created.get(campaignId);
    return campaign && campaign.token === token ? [...conversationsOf(campaign, now())].sort(newestFirst) : [];
  }

  function listConversations(url: URL, token: string): Response {
    const q = url.searchParams;
    const skip = Math.max(0, Number(q.get("skip") ?? 0) || 0);
    const limit = Math.min(1000, Math.max(1, Number(q.get("limit") ?? 1000) || 1000));
    const startDate = q.get("start_date");
    const endDate = q.get("end_date");
    const filters: ((c: SandboxConversation) => boolean)[] = [];
    for (const field of ["campaign_id", "agent_id", "outcome", "ended_reason"] as const) {
      const wanted = q.get(field);
      if (wanted) filters.push((c) => c[field] === wanted);
    }
    if (startDate) filters.push((c) => c.started.slice(0, 10) >= startDate);
    if (endDate) filters.push((c) => c.started.slice(0, 10) <= endDate);
    // a campaign's calls (a backfill's question) without building and sorting every campaign's
    const campaignId = q.get("campaign_id");
    const all = campaignId ? conversationsOfCampaign(token, campaignId) : conversationsFor(token);
    const matching = filters.length ? all.filter((c) => filters.every((f) => f(c))) : all;
    return json({
      status_code: 200,
      message: "Conversations retrieved successfully",
      data: { conversations: matching.slice(skip, skip + limit), skip, limit, totalCount: matching.length },
    });
  }

  // Post-conversation webhooks, as Nedzo sends them: per agent, fire-and-forget, 10 s timeout, no retries.
  const webhooks = new Map<string, string>(); // `${token}:${agentId}` → URL
  const delivered = new Map<string, number>(); // campaign id → conversations already posted
  let delivering: NodeJS.Timeout | null = null;
  let posts = 0;

  function deliverWebhooks(): void {
    for (const c of created.values()) {
      const url = webhooks.get(`${c.token}:${c.agent_id}`);
      const list = conversationsOf(c, now());
      const from = delivered.get(c.id) ?? list.length; // a URL set now gets calls from now on
      delivered.set(c.id, list.length);
      if (!url) continue;
      for (const conversation of list.slice(from)) {
        posts += 1;
        void fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "nedzo-sandbox-webhook" },
          body: JSON.stringify(conversation),
          signal: AbortSignal.timeout(10_000),
        }).catch(() => {});
      }
    }
  }

  async function setAgentWebhook(req: Request, token: string, agentId: string): Promise<Response> {
    if (!allAgents().some((a) => a.id === agentId)) return problem(404, "Not Found", "Agent not found");
    let body: Record<string, unknown>;
    try {
      body = (await req.json()) as Record<string, unknown>;
    } catch {
      return problem(400, "Bad Request", "Body must be JSON");
    }
    const key = "postConversationWebhookUrl" in body ? "postConversationWebhookUrl" : "postCallWebhookUrl";
    const value = body[key];
    if (value === null) webhooks.delete(`${token}:${agentId}`);
    else if (typeof value !== "string" || !/^(https:\/\/|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/)/.test(value) || value.length > 2048) {
      return problem(422, "Unprocessable Entity", "postConversationWebhookUrl must be an https URL (http only for localhost)");
    } else {
      webhooks.set(`${token}:${agentId}`, value);
      for (const c of created.values())
        if (c.token === token && c.agent_id === agentId) delivered.set(c.id, conversationsOf(c, now()).length);
      delivering ??= setInterval(deliverWebhooks, options.webhookTickMs ?? 1000);
      delivering.unref?.();
    }
    return json({
      data: agentJson(
        token,
        allAgents().find((a) => a.id === agentId)!,
      ),
    });
  }

  const allAgents = () => [
    ...DEMO_AGENTS.map((a) => ({ id: a.id, name: a.name })),
    ...Object.values(MAGIC_AGENTS).map(({ id, name }) => ({ id, name })),
  ];
  const agentJson = (token: string, a: { id: string; name: string }) => ({
    ...a,
    isActive: true,
    postConversationWebhookUrl: webhooks.get(`${token}:${a.id}`) ?? null,
  });

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const auth = req.headers.get("authorization") ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
    if (path === "/health") return json({ status: "ok" });
    if (!SANDBOX_TOKEN.test(token)) return problem(401, "Unauthorized", "Invalid or missing API key");

    if (req.method === "POST" && path === "/v1/campaign") return createCampaign(req, token);
    if (req.method === "GET" && path === "/v1/agents") {
      const agents = allAgents().map((a) => agentJson(token, a));
      return json({ data: agents, total: agents.length });
    }
    const agent = /^\/v1\/agents\/([^/]+)$/.exec(path);
    if (req.method === "PATCH" && agent) return setAgentWebhook(req, token, agent[1]);
    if (req.method === "GET" && path === "/v1/conversations") return listConversations(url, token);
    const one = /^\/v1\/conversation\/([^/]+)$/.exec(path);
    if (req.method === "GET" && one) {
      const found = conversationsFor(token).find((c) => c.id === one[1]);
      return found
        ? json({ status_code: 200, message: "Conversation retrieved successfully", data: found })
        : json({ status_code: 404, message: "Conversation not found", data: null }, 404);
    }
    return problem(404, "Not Found", `No route for ${req.method} ${url.pathname}`);
  }

  return {
    handle,
    campaigns: () => [...created.values()],
    createAttempts: () => attempts,
    rateLimited: () => limited,
    webhookPosts: () => posts,
    deliverWebhooks,
    stop: () => {
      if (delivering) clearInterval(delivering);
      delivering = null;
    },
  };
}
