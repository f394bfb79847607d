import type { CampaignWithCreator } from "@/db/queries/campaigns";
import { apiError, problemBody, problemHeaders } from "@/lib/api/errors";
import { serializeCampaign } from "@/lib/api/serialize";

// What a create answers, derived from the stored row alone, so a replayed Idempotency-Key answers the same.

export type CreateResult = {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
};

export function resultOf(row: CampaignWithCreator): CreateResult {
  const campaign = serializeCampaign(row);
  if (row.status === "created") return { status: 201, body: { campaign }, headers: {} };
  // still waiting for its slot (queued) or for Nedzo (pending): accepted, and it moves on by itself
  if (row.status === "queued" || row.status === "pending") return { status: 202, body: { campaign }, headers: {} };
  const error = row.error ?? { status: null, detail: "Unknown error", kind: "unknown" };
  // a problem (lib/api/errors.ts) that also carries the campaign as stored
  const problem = (
    status: number,
    type: string,
    title: string,
    detail: string,
    more: { errors?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
  ) => {
    const failure = apiError(status, detail, {
      type,
      title,
      ...more,
      extensions: { campaign_id: row.id, campaign_status: row.status, campaign },
    });
    return { status, body: problemBody(failure), headers: problemHeaders(failure) };
  };

  if (row.status === "unknown") {
    const maybe = " Nedzo may have created it: check in Nedzo before trying again.";
    if (error.kind === "interrupted") return problem(502, "upstream-unknown", "The create was interrupted", error.detail + maybe);
    return error.kind === "timeout"
      ? problem(504, "upstream-timeout", "Nedzo did not answer in time", error.detail + maybe)
      : problem(502, "upstream-unreadable", "Nedzo's answer could not be read", error.detail + maybe);
  }
  // failed: Nedzo answered with an error, or the request never left
  const upstream = error.status;
  if (upstream === 422) {
    return problem(422, "upstream-validation", "Nedzo rejected the campaign", `Nedzo rejected the campaign: ${error.detail}`, {
      errors: (error.errors ?? []).map((e) => ({ path: e.path, message: e.message })),
    });
  }
  if (upstream === 429) {
    const retryAfter = String(error.retry_after ?? 1);
    return problem(
      429,
      "upstream-rate-limited",
      "Nedzo is rate limiting this workspace",
      `Nedzo asked us to slow down; try again in ${retryAfter} s.`,
      {
        headers: { "retry-after": retryAfter },
      },
    );
  }
  if (upstream === 401 || upstream === 403) {
    return problem(
      502,
      "upstream-unauthorized",
      "Nedzo rejected this workspace's token",
      "Nedzo rejected this workspace's token: an admin should reconnect it in Settings.",
    );
  }
  return problem(502, "upstream-failed", "Nedzo failed", upstream ? `Nedzo answered ${upstream}: ${error.detail}` : error.detail);
}
