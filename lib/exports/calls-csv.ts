import { and, eq, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { calls } from "@/db/calls-schema";
import type { CallListOptions } from "@/db/queries/calls";
import { keysetOrder, keysetWhere, type Cursor } from "@/db/queries/keyset";
import { csvField } from "./csv";

// A campaign's calls as CSV text, a page at a time, formatted by the database. Why not in JavaScript: each
// row read into a JavaScript object (and its dates, and its fields' strings) lives long enough to be promoted
// to V8's old generation, which is only swept when it reaches its limit — a 100k-call export grew the heap by
// ~110 MB of garbage where a 10k one grew it by ~20 MB. Here a page of 1000 rows reaches JavaScript as ten
// strings and two cursor values. The SQL below is csvField's rules, exactly (tests/unit/csv.test.ts compares
// them): a text that a spreadsheet would run as a formula gets a leading ', a field holding `"`, `,`, CR or LF
// is quoted with `"` doubled, null is empty, a time is ISO 8601 UTC with milliseconds.

export const CALLS_PAGE = 1000;
/** Lines per string a page arrives in (100 lines of a call log are ~30 KB). */
const CHUNK = 100;

/** A text value as csvField writes it. */
export function csvText(value: SQL): SQL {
  const defused = sql`(case when left(${value}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${value} else ${value} end)`;
  return sql`(case when ${value} is null then '' when strpos(${value}, '"') > 0 or strpos(${value}, ',') > 0 or strpos(${value}, chr(13)) > 0 or strpos(${value}, chr(10)) > 0
    then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end)`;
}

/** A time as csvField writes a Date: 2026-11-30T10:00:00.000Z. */
export const csvTime = (value: SQL | AnyColumn) => sql`coalesce(to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;

/** A number or a uuid: its text, never quoted or defused (csvField leaves non-strings alone). */
const csvPlain = (value: SQL | AnyColumn) => sql`coalesce(${value}::text, '')`;

/** maskPhone (lib/api/serialize.ts) in SQL: •••1234, the last four digits. */
const masked = sql`(case when ${calls.contactPhone} is null or ${calls.contactPhone} = '' then null
  else '•••' || right(regexp_replace(${calls.contactPhone}, '[^0-9]', '', 'g'), 4) end)`;

export const CALLS_HEADER = [
  "id",
  "nedzo_conversation_id",
  "started_at",
  "ended_at",
  "duration_seconds",
  "outcome",
  "outcome_key",
  "ended_reason",
  "contact_phone",
  "agent_phone",
  "appointment_at",
  "summary",
  "agent_id",
  "agent_name",
];

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

export type CallsCsvPage = { texts: string[]; next: Cursor | null };

/** One page of the call log (its filters, newest first) as CSV lines, and where the next page starts. */
export async function callsCsvPage(
  workspaceId: string,
  campaignId: string,
  options: Omit<CallListOptions, "limit" | "cursor">,
  cursor: Cursor | null,
  columns: { wholeContact: boolean; agentName: string | null },
): Promise<CallsCsvPage> {
  const key = { sort: "started_at", column: calls.startedAt, id: calls.id, order: "desc" as const, cursor };
  const filters: (SQL | undefined)[] = [eq(calls.workspaceId, workspaceId), eq(calls.campaignId, campaignId), keysetWhere(key)];
  if (options.outcome) filters.push(sql`${calls.outcomeKey} = ${options.outcome}`);
  if (options.from) filters.push(gte(calls.startedAt, options.from));
  if (options.to) filters.push(lt(calls.startedAt, options.to));
  const line = sql.join(
    [
      csvPlain(calls.id),
      csvText(sql`${calls.nedzoConversationId}`),
      csvTime(calls.startedAt),
      csvTime(calls.endedAt),
      csvPlain(calls.durationSeconds),
      csvText(sql`${calls.outcome}`),
      csvText(sql`${calls.outcomeKey}`),
      csvText(sql`${calls.endedReason}`),
      columns.wholeContact ? csvText(sql`${calls.contactPhone}`) : csvText(masked),
      csvText(sql`${calls.agentPhone}`),
      csvTime(calls.appointmentAt),
      csvText(sql`${calls.summary}`),
      csvPlain(calls.agentId),
      sql`${csvField(columns.agentName)}::text`,
    ],
    sql` || ',' || `,
  );
  const order = keysetOrder(key);
  // the page comes back as pieces of CHUNK lines: each string stays small enough for V8's young generation
  // (under 128 KB), so it dies in a scavenge instead of waiting in the large-object space for a full GC
  const pieces = rowsOf<{ text: string; n: number; last_id: string; last_at: string }>(
    await getDb().execute(sql`
      select string_agg(line, '' order by rn) as text, count(*)::int as n,
        (array_agg(id order by rn desc))[1] as last_id, (array_agg(at order by rn desc))[1] as last_at
      from (
        select id, at, line, row_number() over (order by started_at desc, id desc) as rn,
          (row_number() over (order by started_at desc, id desc) - 1) / ${sql.raw(String(CHUNK))} as piece
        from (
          select ${calls.id} as id, ${calls.startedAt} as started_at, ${csvTime(calls.startedAt)} as at, ${line} || chr(13) || chr(10) as line
          from ${calls} where ${and(...filters)} order by ${sql.join(order, sql`, `)} limit ${CALLS_PAGE}
        ) page
      ) numbered
      group by piece
      order by piece`),
  );
  const n = pieces.reduce((sum, p) => sum + Number(p.n), 0);
  const last = pieces.at(-1);
  return {
    texts: pieces.map((p) => p.text),
    next:
      n === CALLS_PAGE && last
        ? { sort: "started_at", order: "desc", back: false, value: new Date(last.last_at), id: String(last.last_id) }
        : null,
  };
}
