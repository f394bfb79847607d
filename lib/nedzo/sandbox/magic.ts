// The sandbox's documented magic values: pick one of these agent ids to force a failure. Listed by
// GET /v1/agents too, so people learning the product can try each from the form.

export const DEMO_AGENTS = [
  { id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11", name: "Ava — appointment setter" },
  { id: "7b2e9d10-4f3a-4e8b-a1c6-2d9f0e5b8a22", name: "Leo — lead qualifier" },
  { id: "c9a4f6e2-1d8b-4b37-8f50-9e3c7a1d2b33", name: "Mia — renewal reminders" },
] as const;

const magic = (code: string) => `00000000-0000-4000-8000-000000000${code}`;

export const MAGIC_AGENTS = {
  unauthorized: { id: magic("401"), name: "Test: token rejected (401)", effect: "401 problem details, as for a revoked key" },
  validation: { id: magic("422"), name: "Test: validation error (422)", effect: "422 FastAPI detail on agent_id" },
  rateLimited: { id: magic("429"), name: "Test: rate limited (429)", effect: "429 with Retry-After: 7" },
  serverError: { id: magic("500"), name: "Test: server error (500)", effect: "500 envelope with data: null" },
  badGateway: { id: magic("502"), name: "Test: bad gateway (502)", effect: '502 {"detail": "Bad gateway"}' },
  unavailable: { id: magic("503"), name: "Test: unavailable (503)", effect: "503 problem details with Retry-After: 30" },
  slow: { id: magic("408"), name: "Test: slow answer (timeout)", effect: "creates, then answers after SANDBOX_SLOW_MS (default 30 s)" },
  malformed: { id: magic("299"), name: "Test: malformed 2xx", effect: "creates, then answers 200 with a truncated body" },
  dropped: { id: magic("444"), name: "Test: connection dropped", effect: "creates, then closes the connection without answering" },
} as const;

export type MagicName = keyof typeof MAGIC_AGENTS;

export function magicFor(agentId: string): MagicName | undefined {
  return (Object.keys(MAGIC_AGENTS) as MagicName[]).find((k) => MAGIC_AGENTS[k].id === agentId);
}

/** Tokens the sandbox accepts: `sk_test_` and at least 8 more characters. Anything else is a 401. */
export const SANDBOX_TOKEN = /^sk_test_[A-Za-z0-9_-]{8,200}$/;
