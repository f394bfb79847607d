import type { z } from "zod";
import { apiError, validationError, type FieldError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body: 415 when it is not JSON, 413 past 64 KiB, 400 when it does not parse. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw apiError(415, "Send the body as JSON, with Content-Type: application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw apiError(413, "The body is larger than 64 KiB.");
  const bytes = await readLimited(req);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError(400, "The body is not valid JSON.");
  }
  const nul = findNul(value, []);
  if (nul) throw validationError([{ path: nul, message: "Must not contain the NUL character (\\u0000)" }]);
  return value;
}

/** PostgreSQL text cannot hold U+0000: find it anywhere in a parsed body, and name where. */
function findNul(value: unknown, path: string[]): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const hit = k.includes("\u0000") ? [...path, k].join(".") : findNul(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

/** Query parameters get the same rule as bodies: no NUL, named by parameter. */
export function rejectNulInQuery(url: URL): void {
  for (const [key, value] of url.searchParams) {
    if (key.includes("\u0000") || value.includes("\u0000")) {
      throw validationError([{ path: key.replaceAll("\u0000", ""), message: "Must not contain the NUL character (\\u0000)" }]);
    }
  }
}

async function readLimited(req: Request): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw apiError(413, "The body is larger than 64 KiB.");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key].map(String).join("."), message: "Unknown field" }))
      : [{ path: issue.path.map(String).join("."), message: issue.message }],
  );
}

/** Parses with a zod schema; failures become a 422 whose errors name each field. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(zodFieldErrors(result.error));
  return result.data;
}

export async function parseBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  return parseWith(schema, await readJson(req));
}
