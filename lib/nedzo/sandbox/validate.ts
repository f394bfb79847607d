// The sandbox validates like a Pydantic backend: FastAPI-style `detail` entries with `loc`.

export type FastApiDetail = { loc: (string | number)[]; msg: string; type: string };

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SandboxCampaignBody = {
  name: string;
  agent_id: string;
  start_time: string;
  end_time: string;
  min_calls_per_hour: number;
  max_calls_per_hour: number;
  daily_usage_cap: number | null;
  max_dials_per_contact: number | null;
};

export function validateCampaignBody(body: unknown): { ok: true; value: SandboxCampaignBody } | { ok: false; detail: FastApiDetail[] } {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, detail: [{ loc: ["body"], msg: "Input should be a valid dictionary", type: "dict_type" }] };
  }
  const b = body as Record<string, unknown>;
  const detail: FastApiDetail[] = [];
  const missing = (f: string) => detail.push({ loc: ["body", f], msg: "Field required", type: "missing" });
  const isInt = (v: unknown) => typeof v === "number" && Number.isInteger(v);

  if (b.name === undefined) missing("name");
  else if (typeof b.name !== "string" || b.name.length === 0)
    detail.push({ loc: ["body", "name"], msg: "String should have at least 1 character", type: "string_too_short" });
  if (b.agent_id === undefined) missing("agent_id");
  else if (typeof b.agent_id !== "string" || !UUID.test(b.agent_id))
    detail.push({ loc: ["body", "agent_id"], msg: "Input should be a valid UUID", type: "uuid_parsing" });
  for (const f of ["start_time", "end_time"]) {
    if (b[f] === undefined) missing(f);
    else if (typeof b[f] !== "string" || !TIME.test(b[f] as string))
      detail.push({ loc: ["body", f], msg: "Input should be in a valid time format", type: "time_parsing" });
  }
  for (const f of ["min_calls_per_hour", "max_calls_per_hour"]) {
    if (b[f] === undefined) missing(f);
    else if (!isInt(b[f])) detail.push({ loc: ["body", f], msg: "Input should be a valid integer", type: "int_type" });
  }
  for (const f of ["daily_usage_cap", "max_dials_per_contact"]) {
    if (b[f] !== undefined && b[f] !== null && !isInt(b[f]))
      detail.push({ loc: ["body", f], msg: "Input should be a valid integer", type: "int_type" });
  }
  if (detail.length) return { ok: false, detail };
  const hms = (t: string) => (t.length === 5 ? `${t}:00` : t.slice(0, 8));
  return {
    ok: true,
    value: {
      name: b.name as string,
      agent_id: (b.agent_id as string).toLowerCase(),
      start_time: hms(b.start_time as string),
      end_time: hms(b.end_time as string),
      min_calls_per_hour: b.min_calls_per_hour as number,
      max_calls_per_hour: b.max_calls_per_hour as number,
      daily_usage_cap: (b.daily_usage_cap as number | null | undefined) ?? null,
      max_dials_per_contact: b.max_dials_per_contact === undefined ? 25 : (b.max_dials_per_contact as number | null),
    },
  };
}
