import "server-only";
import { env } from "@/lib/env";
import { decryptSecret, sha256 } from "@/lib/crypto";
import type { FieldError } from "@/lib/api/errors";
import type { NedzoConnection } from "@/db/schema";
import {
  agentsResponseSchema,
  campaignFields,
  createCampaignResponseSchema,
  type Agent,
  type CampaignRequest,
  type UpstreamCampaign,
} from "./schemas";
import { inProcessFetch } from "./sandbox/in-process";

// The only code that sends a Nedzo token, and the only place a stored token is decrypted.

/** paceKey names the token for the pacer without revealing it (a hash, or the sandbox workspace). */
export type NedzoTarget = { baseUrl: string; token: string; fetch: typeof fetch; paceKey: string };

export type CreateOutcome =
  | { kind: "created"; campaign: UpstreamCampaign; raw: unknown }
  | { kind: "rejected"; status: number; detail: string; errors?: FieldError[]; retryAfter?: number }
  | { kind: "not_sent"; detail: string }
  | { kind: "unknown"; reason: "timeout" | "malformed" | "dropped"; detail: string; status?: number; raw?: unknown };

const SANDBOX_BASE = "http://nedzo-sandbox.internal";

/** Where and how a workspace's requests go: the in-process sandbox, or Nedzo with the decrypted token. */
export function targetFor(connection: NedzoConnection): NedzoTarget {
  if (connection.mode === "sandbox") {
    return {
      baseUrl: SANDBOX_BASE,
      token: sandboxToken(connection.workspaceId),
      fetch: inProcessFetch,
      paceKey: `sandbox:${connection.workspaceId}`,
    };
  }
  if (!connection.tokenCiphertext || connection.keyVersion == null) throw new Error("Live connection without a token.");
  const token = decryptSecret(connection.tokenCiphertext, connection.keyVersion, connection.workspaceId);
  return liveTarget(token);
}

/** A plaintext token being checked before it is stored. */
export function liveTarget(token: string): NedzoTarget {
  return { baseUrl: env().NEDZO_API_BASE_URL, token, fetch: globalThis.fetch, paceKey: `token:${sha256(token)}` };
}

function sandboxToken(workspaceId: string): string {
  return `sk_test_sandbox_${workspaceId.replaceAll("-", "")}`;
}

function redact(text: string, token: string): string {
  return token ? text.split(token).join("[redacted]") : text;
}

function networkCode(error: unknown): string | undefined {
  let e = error as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string") return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ERR_INVALID_URL"]);

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** Maps a FastAPI `loc` (["body","agent_id"]) onto our field name. */
function fieldFromLoc(loc: unknown): string {
  if (!Array.isArray(loc)) return "";
  const parts = loc.filter((p, i) => !(i === 0 && p === "body")).map(String);
  if (parts.length === 0 || !campaignFields.includes(parts[0] as never)) return "";
  return parts.join(".");
}

/** Reads any of Nedzo's three error shapes: problem details, the envelope, or FastAPI's `detail`. */
export function readUpstreamError(status: number, text: string): { detail: string; errors?: FieldError[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const snippet = text.replace(/\s+/g, " ").trim().slice(0, 200);
    return { detail: snippet ? `Nedzo answered ${status}: ${snippet}` : `Nedzo answered ${status}.` };
  }
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    if (Array.isArray(b.detail)) {
      const errors = b.detail.map((d) => {
        const item = (d ?? {}) as { loc?: unknown; msg?: unknown };
        return { path: fieldFromLoc(item.loc), message: typeof item.msg === "string" ? item.msg : "Invalid value" };
      });
      return { detail: errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; "), errors };
    }
    if (typeof b.detail === "string" && typeof b.title === "string") return { detail: `${b.title}: ${b.detail}` };
    if (typeof b.detail === "string") return { detail: b.detail };
    if (typeof b.title === "string") return { detail: b.title };
    if (typeof b.message === "string") return { detail: b.message };
  }
  return { detail: `Nedzo answered ${status}.` };
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** POST /v1/campaign/ — exactly the eight fields, once. Never retried here: Nedzo has no idempotency key. */
export async function createNedzoCampaign(target: NedzoTarget, body: CampaignRequest): Promise<CreateOutcome> {
  const payload = Object.fromEntries(campaignFields.map((f) => [f, body[f]]));
  let response: Response;
  let text: string;
  try {
    response = await target.fetch(`${target.baseUrl}/v1/campaign/`, {
      method: "POST",
      headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(env().NEDZO_TIMEOUT_MS),
      redirect: "error",
    });
    text = await response.text();
  } catch (error) {
    if (isTimeout(error)) {
      return { kind: "unknown", reason: "timeout", detail: `Nedzo did not answer within ${env().NEDZO_TIMEOUT_MS} ms.` };
    }
    const code = networkCode(error);
    if (code && NOT_SENT.has(code)) return { kind: "not_sent", detail: `Could not reach Nedzo (${code}).` };
    // fetch refuses some ports outright ("bad port"): nothing was sent
    if ((error as { cause?: { message?: string } }).cause?.message === "bad port")
      return { kind: "not_sent", detail: "Could not reach Nedzo (a port fetch refuses)." };
    return { kind: "unknown", reason: "dropped", detail: `The connection to Nedzo closed before it answered${code ? ` (${code})` : ""}.` };
  }
  if (!response.ok) {
    const { detail, errors } = readUpstreamError(response.status, text);
    return {
      kind: "rejected",
      status: response.status,
      detail: redact(detail, target.token),
      errors,
      retryAfter: retryAfterSeconds(response.headers.get("retry-after")),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      kind: "unknown",
      reason: "malformed",
      status: response.status,
      detail: "Nedzo answered success with a body that is not JSON.",
    };
  }
  const parsed = createCampaignResponseSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      kind: "unknown",
      reason: "malformed",
      status: response.status,
      raw,
      detail: "Nedzo answered success without a readable campaign.",
    };
  }
  return { kind: "created", campaign: parsed.data.data.campaign, raw };
}

export type AgentsOutcome =
  { ok: true; agents: Agent[] } | { ok: false; status: number | null; detail: string; reason: "unauthorized" | "timeout" | "failed" };

/** GET /v1/agents — to pick an agent by name, and to verify a token before it is stored. */
export async function listNedzoAgents(target: NedzoTarget): Promise<AgentsOutcome> {
  const read = await readNedzo(target, "/v1/agents");
  if (!read.ok)
    return {
      ok: false,
      status: read.status,
      detail: read.detail,
      reason: read.reason === "unauthorized" || read.reason === "timeout" ? read.reason : "failed",
    };
  const parsed = agentsResponseSchema.safeParse(read.value);
  if (!parsed.success) return { ok: false, status: 200, detail: "Nedzo's agent list could not be read.", reason: "failed" };
  const list = Array.isArray(parsed.data) ? parsed.data : "data" in parsed.data ? parsed.data.data : parsed.data.agents;
  return { ok: true, agents: list };
}

export type ReadOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      status: number | null;
      detail: string;
      reason: "unauthorized" | "rate_limited" | "timeout" | "failed";
      retryAfter?: number;
    };

/** A GET of Nedzo's that writes nothing: any failure is safe to try again later. */
async function readNedzo(target: NedzoTarget, path: string): Promise<ReadOutcome<unknown>> {
  try {
    const response = await target.fetch(`${target.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${target.token}`, accept: "application/json" },
      signal: AbortSignal.timeout(Math.max(env().NEDZO_TIMEOUT_MS, env().NEDZO_READ_TIMEOUT_MS)),
      redirect: "error",
    });
    const text = await response.text();
    if (!response.ok) {
      const { detail } = readUpstreamError(response.status, text);
      const reason =
        response.status === 401 || response.status === 403 ? "unauthorized" : response.status === 429 ? "rate_limited" : "failed";
      return {
        ok: false,
        status: response.status,
        detail: redact(detail, target.token),
        reason,
        retryAfter: retryAfterSeconds(response.headers.get("retry-after")),
      };
    }
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (isTimeout(error)) return { ok: false, status: null, detail: "Nedzo did not answer in time.", reason: "timeout" };
    if (error instanceof SyntaxError) return { ok: false, status: null, detail: "Nedzo's answer was not JSON.", reason: "failed" };
    return { ok: false, status: null, detail: `Could not reach Nedzo (${networkCode(error) ?? "network error"}).`, reason: "failed" };
  }
}

export type ConversationPage = { items: unknown[]; totalCount: number | null };

/** GET /v1/conversations/ — one page, newest first; items are read tolerantly by lib/calls/conversation.ts. */
export async function listNedzoConversations(
  target: NedzoTarget,
  query: { skip: number; limit: number; startDate?: string; endDate?: string; campaignId?: string },
): Promise<ReadOutcome<ConversationPage>> {
  const params = new URLSearchParams({ skip: String(query.skip), limit: String(query.limit) });
  if (query.startDate) params.set("start_date", query.startDate);
  if (query.endDate) params.set("end_date", query.endDate);
  if (query.campaignId) params.set("campaign_id", query.campaignId);
  const read = await readNedzo(target, `/v1/conversations/?${params}`);
  if (!read.ok) return read;
  const data = (read.value as { data?: { conversations?: unknown; totalCount?: unknown } } | null)?.data;
  if (!data || !Array.isArray(data.conversations))
    return { ok: false, status: 200, detail: "Nedzo's conversation list could not be read.", reason: "failed" };
  return { ok: true, value: { items: data.conversations, totalCount: typeof data.totalCount === "number" ? data.totalCount : null } };
}

export type AgentWebhookOutcome = { ok: true } | { ok: false; status: number | null; detail: string; retryAfter?: number };

/** PATCH /v1/agents/{id} `{"postConversationWebhookUrl"}` — a write: the caller takes the token's slot first. */
export async function setNedzoAgentWebhook(target: NedzoTarget, agentId: string, url: string | null): Promise<AgentWebhookOutcome> {
  try {
    const response = await target.fetch(`${target.baseUrl}/v1/agents/${encodeURIComponent(agentId)}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ postConversationWebhookUrl: url }),
      signal: AbortSignal.timeout(env().NEDZO_TIMEOUT_MS),
      redirect: "error",
    });
    const text = await response.text();
    if (response.ok) return { ok: true };
    const { detail } = readUpstreamError(response.status, text);
    return {
      ok: false,
      status: response.status,
      detail: redact(detail, target.token),
      retryAfter: retryAfterSeconds(response.headers.get("retry-after")),
    };
  } catch (error) {
    if (isTimeout(error)) return { ok: false, status: null, detail: "Nedzo did not answer in time." };
    return { ok: false, status: null, detail: `Could not reach Nedzo (${networkCode(error) ?? "network error"}).` };
  }
}
