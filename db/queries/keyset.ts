import { asc, desc, getTableColumns, param, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { auditEvents } from "@/db/schema";

// Keyset paging, the SQL half of the one pagination module (lib/api/pagination.ts re-exports it and adds the
// query schemas; it lives here because db/ imports nothing from lib/). A list is read in one order — a sort
// column, then the id as tiebreak, both the same way — from a position (the cursor) forwards or backwards.
// Every index behind a list is (workspace_id, column, id) ascending, the default NULLS LAST: `column asc,
// id asc` reads it forwards and `column desc, id desc` (PostgreSQL's default NULLS FIRST) backwards, so both
// orders are served in exactly the order they read, with no Sort.

export type SortOrder = "asc" | "desc";
export type SortValue = string | number | Date;
/** The sortable columns of a list, by the name the API uses for them (`sort=`). */
export type SortColumns = Record<string, PgColumn>;

/** A position in a list read in one order: after (or, going back, before) the row with this value and id. */
export type Cursor = { sort: string; order: SortOrder; back: boolean; value: SortValue; id: string };

type Kind = "time" | "int" | "float" | "text";

function kindOf(column: PgColumn): Kind {
  switch (column.columnType) {
    case "PgTimestamp":
      return "time";
    case "PgInteger":
      return "int";
    case "PgDoublePrecision":
      return "float";
    default:
      return "text";
  }
}

/** Names and statuses read A→Z by default; times and numbers newest / largest first. */
export function defaultOrder(column: PgColumn): SortOrder {
  return kindOf(column) === "text" ? "asc" : "desc";
}

// ── Cursor text: base64url of `<time>|<uuid>` for the default order (created_at, newest first, forwards —
// the format every list has always issued), else `<sort>.<order>.<a|b>|<uuid>|<value>`.

/** Times we store or compare: 1970-01-01 to 9999-12-31 (PostgreSQL refuses years 0 and past 294276). */
export const MIN_TIME = Date.UTC(1970, 0, 1);
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** A cursor holds at most a 255-character name (up to 4 bytes each) and a few dozen more bytes. */
export const MAX_CURSOR_LENGTH = 1500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const INT = /^-?\d{1,10}$/;
const FLOAT = /^-?\d+(\.\d+)?(e[+-]\d+)?$/;
const HEAD = /^([a-z_]{1,40})\.(asc|desc)\.([ab])$/;

export const inTimeRange = (d: Date) => !Number.isNaN(d.getTime()) && d.getTime() >= MIN_TIME && d.getTime() <= MAX_TIME;

const isDefaultOrder = (c: Cursor) => c.sort === "created_at" && c.order === "desc" && !c.back;
const valueText = (v: SortValue) => (v instanceof Date ? v.toISOString() : String(v));

/** The sorts of a list read newest first only (the audit trail, invitations): what a bare decodeCursor reads. */
const NEWEST_FIRST_ONLY: SortColumns = { created_at: auditEvents.createdAt };

/** `{ createdAt, id }` is a position in the default order (created_at, newest first), read forwards. */
export function encodeCursor(position: Cursor | { createdAt: Date; id: string }): string {
  const c: Cursor =
    "createdAt" in position ? { sort: "created_at", order: "desc", back: false, value: position.createdAt, id: position.id } : position;
  const text = isDefaultOrder(c)
    ? `${valueText(c.value)}|${c.id}`
    : `${c.sort}.${c.order}.${c.back ? "b" : "a"}|${c.id}|${valueText(c.value)}`;
  return Buffer.from(text).toString("base64url");
}

/** A value exactly as encodeCursor writes it for a column of this kind, or undefined. */
function readValue(text: string, column: PgColumn): SortValue | undefined {
  switch (kindOf(column)) {
    case "time": {
      const at = new Date(text);
      return ISO_MS.test(text) && inTimeRange(at) && at.toISOString() === text ? at : undefined;
    }
    case "int": {
      const n = Number(text);
      return INT.test(text) && n >= -2_147_483_648 && n <= 2_147_483_647 && String(n) === text ? n : undefined;
    }
    case "float": {
      const n = Number(text);
      return FLOAT.test(text) && Number.isFinite(n) && String(n) === text ? n : undefined;
    }
    case "text": {
      const allowed = (column as PgColumn & { enumValues?: readonly string[] }).enumValues;
      if (allowed && !allowed.includes(text)) return undefined;
      return text.includes("\u0000") ? undefined : text; // PostgreSQL text cannot hold NUL
    }
  }
}

/** A cursor this API issued for one of these sorts, or null: every part checked, nothing looser. */
export function decodeCursor(text: string, sorts: SortColumns = NEWEST_FIRST_ONLY): Cursor | null {
  if (text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) return null;
  const decoded = Buffer.from(text, "base64url").toString("utf8");
  // exactly what encodeCursor writes: valid UTF-8, no stray bits
  if (Buffer.from(decoded).toString("base64url") !== text) return null;
  const [first, second, ...rest] = decoded.split("|");
  let cursor: Cursor | null = null;
  if (rest.length === 0 && second !== undefined && sorts.created_at) {
    const value = readValue(first, sorts.created_at);
    if (value !== undefined) cursor = { sort: "created_at", order: "desc", back: false, value, id: second };
  } else if (rest.length > 0) {
    const head = HEAD.exec(first);
    const column = head && Object.hasOwn(sorts, head[1]) ? sorts[head[1]] : undefined;
    const value = column && readValue(rest.join("|"), column);
    if (head && value !== undefined) cursor = { sort: head[1], order: head[2] as SortOrder, back: head[3] === "b", value, id: second };
    // the default order has one spelling only, so that a cursor is one string
    if (cursor && isDefaultOrder(cursor)) cursor = null;
  }
  if (!cursor || !UUID.test(cursor.id)) return null;
  return { ...cursor, id: cursor.id.toLowerCase() };
}

// ── The keyset clause and the page ───────────────────────────────────────────────────────────────

type Key = { sort: string; column: PgColumn; id: PgColumn; order: SortOrder; cursor?: Cursor | null };

/** The order of the lists that have only one: created_at, newest first (the audit trail, invitations). */
export function newestFirst(createdAt: PgColumn, id: PgColumn, cursor?: Cursor | null): Key {
  return { sort: "created_at", column: createdAt, id, order: "desc", cursor };
}

/** The cursor, if it was issued for this order (the query schemas refuse any other before we get here). */
export const cursorOf = (k: Key) => (k.cursor && k.cursor.sort === k.sort && k.cursor.order === k.order ? k.cursor : null);

/** Reads forwards in the list's order, or backwards (the reverse) to page towards its start. */
const readsDescending = (k: Key) => (k.order === "desc") !== Boolean(cursorOf(k)?.back);

/**
 * Rows strictly after (going back: before) the cursor: one row comparison, an index condition. `at` puts
 * placeholders where the cursor's value and id go (a compiled statement; keysetValues gives their values).
 */
export function keysetWhere(k: Key, at?: { value: Placeholder; id: Placeholder }): SQL | undefined {
  const c = cursorOf(k);
  if (!c) return undefined;
  const op = readsDescending(k) ? sql.raw("<") : sql.raw(">");
  return at
    ? sql`(${k.column}, ${k.id}) ${op} (${at.value}, ${at.id})`
    : sql`(${k.column}, ${k.id}) ${op} (${param(c.value, k.column)}, ${param(c.id, k.id)})`;
}

/** The cursor's value and id as the driver takes them, for keysetWhere's placeholders. */
export function keysetValues(k: Key): { value: unknown; id: string } | null {
  const c = cursorOf(k);
  return c ? { value: k.column.mapToDriverValue(c.value), id: c.id } : null;
}

/** ORDER BY in the direction this read goes; `desc` is NULLS FIRST, the exact reverse of the ascending index. */
export function keysetOrder(k: Key): SQL[] {
  const by = readsDescending(k) ? desc : asc;
  return [by(k.column), by(k.id)];
}

/** The row field a column is read into (`created_at` → `createdAt`). */
function fieldOf(column: PgColumn): string {
  const entry = Object.entries(getTableColumns(column.table)).find(([, c]) => c === column);
  if (!entry) throw new Error(`Column ${column.name} is not in its table`);
  return entry[0];
}

export type Page<T> = { items: T[]; nextCursor: string | null; prevCursor: string | null };

/**
 * Trims the one extra row a list reads (limit + 1), puts a backwards read back in list order, and gives the
 * cursors of the next and previous pages (null where there is none: no more rows, or the first page).
 */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, k: Key): Page<T> {
  const c = cursorOf(k);
  const back = Boolean(c?.back);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (back) items.reverse();
  const field = fieldOf(k.column) as keyof T;
  const at = (row: T | undefined, before: boolean) =>
    row ? encodeCursor({ sort: k.sort, order: k.order, back: before, value: row[field] as SortValue, id: row.id }) : null;
  return {
    items,
    nextCursor: back || more ? at(items[items.length - 1], false) : null,
    prevCursor: (back && more) || (!back && c) ? at(items[0], true) : null,
  };
}
