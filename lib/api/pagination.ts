import { z } from "zod";
import { auditEvents, campaignSortColumns, campaignStatuses, invitations, type CampaignSort } from "@/db/schema";
import { outcomeKeys } from "@/db/calls-schema";
import { callSortColumns } from "@/db/queries/calls";
import { decodeCursor, defaultOrder, inTimeRange, type Cursor, type SortColumns, type SortOrder } from "@/db/queries/keyset";
import { validationError, type FieldError } from "./errors";
import { NUL_MESSAGE, zodFieldErrors } from "./parse";

// The one pagination module: keyset cursors (encode, decode with full validation), the keyset clause,
// the `limit`/`cursor`/`sort`/`order` schema, and the query schemas of the lists — shared by the API and the
// pages, so a list answers the same to the same query string wherever it is read. The SQL half (the keyset
// clause, cursor text, page trimming) is db/queries/keyset.ts, re-exported here: db/ imports nothing from lib/.

export {
  decodeCursor,
  defaultOrder,
  encodeCursor,
  keysetOrder,
  keysetWhere,
  MAX_CURSOR_LENGTH,
  MAX_TIME,
  MIN_TIME,
  pageOf,
  type Cursor,
  type Page,
  type SortColumns,
  type SortOrder,
} from "@/db/queries/keyset";
export type { CampaignSort };

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
  if (year < 1970) return null; // Date.UTC reads years 0–99 as 1900–1999: refuse before it can
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
  if (h === undefined && edge === "end") time += 86_400_000 - 1;
  const date = new Date(time);
  return inTimeRange(date) ? date : null;
}

const noNul = (s: string) => !s.includes("\u0000");
const text = (max: number) =>
  z
    .string()
    .refine(noNul, NUL_MESSAGE)
    .transform((s) => s.trim().slice(0, max) || undefined);

const dateParam = (edge: "start" | "end") =>
  z.string().transform((s, ctx) => {
    if (!s) return undefined;
    const date = parseDate(s, edge);
    if (!date) ctx.addIssue({ code: "custom", message: "Must be an RFC 3339 date or date-time between 1970 and 9999" });
    return date ?? undefined;
  });

/** One of these values; absent or empty means the default (undefined when there is none). */
function oneOf<const T extends string>(values: readonly T[]) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const value = values.find((v) => v === s);
      if (!value) ctx.addIssue({ code: "custom", message: `Must be one of ${values.join(", ")}` });
      return value;
    });
}

/** The sortable columns each cursor field was made for: parseQuery checks a cursor against the sort asked. */
const cursorSorts = new WeakMap<z.ZodType, SortColumns>();

/** `limit` (a whole number, 1..max, default when absent) and `cursor` (one this API issued for this list). */
export function pageQuery(sorts: SortColumns, defaultLimit = 50, maxLimit = 200) {
  const cursor = z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return null;
      const decoded = decodeCursor(s, sorts);
      if (!decoded) ctx.addIssue({ code: "custom", message: "Is not a cursor this API returned" });
      return decoded;
    });
  cursorSorts.set(cursor, sorts);
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
    cursor,
  });
}

/** A list that can be sorted: `sort` (one of its columns, the first by default) and `order` (asc or desc). */
export function sortedPageQuery<S extends SortColumns>(sorts: S) {
  const keys = Object.keys(sorts) as (keyof S & string)[];
  return pageQuery(sorts).extend({
    sort: oneOf(keys).transform((s) => s ?? keys[0]),
    order: oneOf(["asc", "desc"] as const),
  });
}

/** The order a list is read in: as asked, or its sort's default (names A→Z, times and numbers largest first). */
export function orderOf(sorts: SortColumns, sort: string, order?: SortOrder): SortOrder {
  return order ?? defaultOrder(sorts[sort]);
}

/**
 * GET …/campaigns and the Campaigns page: `sort` (created_at by default), `order`, `q` (name contains),
 * `status`, and a cursor issued for the same sort and order.
 */
export const campaignListQuery = sortedPageQuery(campaignSortColumns).extend({
  q: text(255).optional(),
  status: oneOf(campaignStatuses),
});

/** The order the campaign list is read in, for a parsed campaignListQuery. */
export const campaignOrder = (query: { sort: CampaignSort; order?: SortOrder }): SortOrder =>
  orderOf(campaignSortColumns, query.sort, query.order);

/** GET …/audit-events and the Audit page: newest first. */
export const auditListQuery = pageQuery({ created_at: auditEvents.createdAt }).extend({
  action: text(200).optional(),
  actor_id: text(200).optional(),
  from: dateParam("start").optional(),
  to: dateParam("end").optional(),
});

/** GET …/campaigns/:id/calls: the call log, newest first, by outcome key and dates. */
export const callListQuery = pageQuery(callSortColumns).extend({
  outcome: oneOf(outcomeKeys),
  from: dateParam("start").optional(),
  to: dateParam("end").optional(),
});

/** GET …/portfolio: figures of a date range, or of all time. */
export const portfolioQuery = z.object({ from: dateParam("start").optional(), to: dateParam("end").optional() });

/** GET …/invitations: newest first, up to 200 a page (the Members page shows them all). */
export const invitationListQuery = pageQuery({ created_at: invitations.createdAt }, 200, 200);

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

/** A cursor is read in the order it was issued for: another `sort` or `order` makes it a 422 on `cursor`. */
function misfitCursor(schema: z.ZodType, query: Record<string, unknown>): FieldError | null {
  const cursor = query.cursor as Cursor | null | undefined;
  const field = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>).cursor : undefined;
  const sorts = field && cursorSorts.get(field);
  if (!cursor || !sorts) return null;
  const sort = typeof query.sort === "string" ? query.sort : Object.keys(sorts)[0]; // a list with one order: its own
  const order = orderOf(sorts, sort, query.order as SortOrder | undefined);
  if (cursor.sort === sort && cursor.order === order) return null;
  return { path: "cursor", message: `Was issued for sort=${cursor.sort}&order=${cursor.order}, not sort=${sort}&order=${order}` };
}

/** For the API: every bad parameter named in one 422. */
export function parseQuery<T extends z.ZodType>(schema: T, query: Query): z.infer<T> {
  const result = schema.safeParse(firstValues(query));
  if (!result.success) throw validationError(zodFieldErrors(result.error));
  const misfit = misfitCursor(schema, result.data as Record<string, unknown>);
  if (misfit) throw validationError([misfit]);
  return result.data;
}

/** For pages: a bad parameter is left out (and reported, for a friendly note) instead of refused. */
export function parseQueryLeniently<T extends z.ZodType>(schema: T, query: Query): { query: z.infer<T>; ignored: FieldError[] } {
  const input = firstValues(query);
  const ignored: FieldError[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = schema.safeParse(input);
    const misfit = result.success ? misfitCursor(schema, result.data as Record<string, unknown>) : null;
    if (result.success && !misfit) return { query: result.data, ignored };
    const errors = result.success ? [misfit!] : zodFieldErrors(result.error);
    ignored.push(...errors);
    for (const e of errors) delete input[e.path.split(".")[0]];
  }
  return { query: schema.parse({}), ignored };
}
