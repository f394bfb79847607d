import type { z } from "zod";
import { apiError, validationError, type FieldError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;
export const NUL_MESSAGE = "Must not contain the NUL character (\\u0000)";

/** Reads a JSON body: 415 when it is not JSON, 413 past 64 KiB, 400 when it does not parse. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw apiError(415, "Send the body as JSON, with Content-Type: application/json.");
  }
  const bytes = await readBodyBytes(req, MAX_BODY_BYTES);
  if (!bytes) throw apiError(413, "The body is larger than 64 KiB.");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError(400, "The body is not valid JSON.");
  }
  const problem = scanJson(value);
  if (problem) throw validationError([problem]);
  return value;
}

/** No body of ours nests deeper than a few levels; 32 leaves room and refuses `[[[[…]]]]` cheaply. */
export const MAX_JSON_DEPTH = 32;

type Frame = { value: unknown; depth: number; key: string; parent: Frame | null };

const pathOf = (frame: Frame | null): string[] => {
  const parts: string[] = [];
  for (let f = frame; f?.parent; f = f.parent) parts.unshift(f.key);
  return parts;
};

/**
 * One pass over a parsed body, without recursion (so no stack to overflow) and without copying paths:
 * refuses nesting past MAX_JSON_DEPTH (named by its top-level field, or `body`) and any U+0000, which PostgreSQL
 * text cannot hold (named by its full path).
 */
function scanJson(root: unknown): FieldError | null {
  const stack: Frame[] = [{ value: root, depth: 0, key: "", parent: null }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return { path: pathOf(frame).join(".") || "body", message: NUL_MESSAGE };
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) {
      const field = Array.isArray(root) ? undefined : pathOf(frame)[0];
      return { path: field ?? "body", message: `Is nested too deeply (more than ${MAX_JSON_DEPTH} levels)` };
    }
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const next: Frame = { value: child, depth: depth + 1, key, parent: frame };
      if (key.includes("\u0000")) return { path: pathOf(next).join("."), message: NUL_MESSAGE };
      stack.push(next);
    }
  }
  return null;
}

/** Query parameters get the same rule as bodies: no NUL, named by parameter. */
export function rejectNulInQuery(url: URL): void {
  for (const [key, value] of url.searchParams) {
    if (key.includes("\u0000") || value.includes("\u0000")) {
      throw validationError([{ path: key.replaceAll("\u0000", ""), message: NUL_MESSAGE }]);
    }
  }
}

/** A request's body, read up to `maxBytes` (declared or actual): null past it, the rest left unread. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) return null;
  const reader = req.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
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
