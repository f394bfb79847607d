import { z } from "zod";
import { and, eq, lt, or, type AnyColumn, type SQL } from "drizzle-orm";
import { campaignStatuses } from "@/db/schema";
import { validationError, type FieldError } from "./errors";
import { zodFieldErrors } from "./parse";

// The one pagination module: keyset cursors (encode, decode with full validation), the keyset clause,
// the `limit`/`cursor` schema, and the query schemas of the lists — shared by the API and the pages, so a
// list answers the same to the same query string wherever it is read.

export type Cursor = { createdAt: Date; id: string };

/** Times we store or compare: 1970-01-01 to 9999-12-31 (PostgreSQL refuses years 0 and past 294276). */
export const MIN_TIME = Date.UTC(1970, 0, 1);
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Our cursors are 88 characters; anything much longer is not one of ours. */
export const MAX_CURSOR_LENGTH = 128;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

/** A cursor this API issued, or null: exactly `<ISO time in range>|<UUID>`, nothing looser. */
export function decodeCursor(text: string): Cursor | null {
  if (text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) return null;
  const parts = Buffer.from(text, "base64url").toString("utf8").split("|");
  if (parts.length !== 2) return null;
  const [at, id] = parts;
  if (!ISO_MS.test(at) || !UUID.test(id)) return null;
  const createdAt = new Date(at);
  if (!inRange(createdAt) || createdAt.toISOString() !== at) return null;
  return { createdAt, id: id.toLowerCase() };
}

const inRange = (d: Date) => !Number.isNaN(d.getTime()) && d.getTime() >= MIN_TIME && d.getTime() <= MAX_TIME;

const DATE_OR_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|([+-])(\d{2}):(\d{2})))?$/;

/**
 * An RFC 3339 date (`2024-05-01`) or date-time (`2024-05-01T10:00:00Z`, with an offset), each component
 * checked (no 31 February, no rollover), within MIN_TIME..MAX_TIME. A bare date is the start of that UTC day,
 * or its last millisecond for the end of a range.
 */
export function parseDate(text: string, edge: "start" | "end"): Date | null {
  const m = DATE_OR_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone, sign, oh, om] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  if (h !== undefined && !zone) return null; // a time needs its offset
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (sign && (Number(oh) > 23 || Number(om) > 59)) return null;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const offset = sign ? (sign === "+" ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
  if (h === undefined && edge === "end") time += 86_400_000 - 1;
  const date = new Date(time);
  return inRange(date) ? date : null;
}

const noNul = (s: string) => !s.includes("\u0000");
const NUL_MESSAGE = "Must not contain the NUL character (\\u0000)";
const text = (max: number) => z.string().refine(noNul, NUL_MESSAGE).transform((s) => s.trim().slice(0, max) || undefined);

const dateParam = (edge: "start" | "end") =>
  z.string().transform((s, ctx) => {
    if (!s) return undefined;
    const date = parseDate(s, edge);
    if (!date) ctx.addIssue({ code: "custom", message: "Must be an RFC 3339 date or date-time between 1970 and 9999" });
    return date ?? undefined;
  });

/** `limit` (a whole number, 1..max, default when absent) and `cursor` (one this API issued). */
export function pageQuery(defaultLimit = 50, maxLimit = 200) {
  return z.object({
    limit: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined || s === "") return defaultLimit;
        const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
        if (!(n >= 1 && n <= maxLimit)) ctx.addIssue({ code: "custom", message: `Must be a whole number from 1 to ${maxLimit}` });
        return n;
      }),
    cursor: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (!s) return null;
        const cursor = decodeCursor(s);
        if (!cursor) ctx.addIssue({ code: "custom", message: "Is not a cursor this API returned" });
        return cursor;
      }),
  });
}

/** GET …/campaigns and the Campaigns page. */
export const campaignListQuery = pageQuery().extend({
  q: text(255).optional(),
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const status = campaignStatuses.find((c) => c === s);
      if (!status) ctx.addIssue({ code: "custom", message: `Must be one of ${campaignStatuses.join(", ")}` });
      return status;
    }),
});

/** GET …/audit-events and the Audit page. */
export const auditListQuery = pageQuery().extend({
  action: text(200).optional(),
  actor_id: text(200).optional(),
  from: dateParam("start").optional(),
  to: dateParam("end").optional(),
});

type Query = URLSearchParams | Record<string, string | string[] | undefined>;

/** One string per key: a repeated key (`?q=a&q=b`) takes its first value. */
export function firstValues(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = query instanceof URLSearchParams ? [...query] : Object.entries(query);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && !Object.hasOwn(out, key)) out[key] = first;
  }
  return out;
}

/** For the API: every bad parameter named in one 422. */
export function parseQuery<T extends z.ZodType>(schema: T, query: Query): z.infer<T> {
  const result = schema.safeParse(firstValues(query));
  if (!result.success) throw validationError(zodFieldErrors(result.error));
  return result.data;
}

/** For pages: a bad parameter is left out (and reported, for a friendly note) instead of refused. */
export function parseQueryLeniently<T extends z.ZodType>(schema: T, query: Query): { query: z.infer<T>; ignored: FieldError[] } {
  const input = firstValues(query);
  const ignored: FieldError[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = schema.safeParse(input);
    if (result.success) return { query: result.data, ignored };
    const errors = zodFieldErrors(result.error);
    ignored.push(...errors);
    for (const e of errors) delete input[e.path.split(".")[0]];
  }
  return { query: schema.parse({}), ignored };
}

/** Rows strictly after the cursor in (created_at desc, id desc) order: the keyset clause of every list. */
export function keysetAfter(createdAt: AnyColumn, id: AnyColumn, cursor: Cursor): SQL {
  return or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)))!;
}

/** Trims the one extra row a list reads (limit + 1) and gives the cursor of the next page, if any. */
export function pageOf<T extends Cursor>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
