// CSV exports, streamed: a page of rows is read only when the client has taken the previous one
// (ReadableStream's pull), so memory stays bounded by one page whatever the row count.

export type Page<T, C> = { rows: T[]; next: C | null };

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV field: quoted when needed; a value a spreadsheet would run as a formula is defused with '. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (fields: unknown[]) => `${fields.map(csvField).join(",")}\r\n`;

export function csvStream<T, C>(
  header: string[],
  readPage: (cursor: C | null) => Promise<Page<T, C>>,
  toFields: (row: T) => unknown[],
): ReadableStream<Uint8Array> {
  return csvTextStream(header, async (cursor: C | null) => {
    const page = await readPage(cursor);
    return { texts: [page.rows.map((r) => csvLine(toFields(r))).join("")], next: page.next };
  });
}

/**
 * The stream itself, for pages that arrive as CSV text (the calls export is formatted by the database; other
 * exports through csvStream): a page is read only when the reader has taken the previous one.
 */
export function csvTextStream<C>(header: string[], readPage: (cursor: C | null) => Promise<{ texts: string[]; next: C | null }>) {
  const encoder = new TextEncoder();
  let cursor: C | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`)); // BOM: spreadsheets read UTF-8
          return;
        }
        // a pull must enqueue or close: one that resolves with neither leaves the reader waiting for ever
        // (an empty last page, when the row count is a multiple of the page size)
        while (!done) {
          const page = await readPage(cursor);
          cursor = page.next;
          if (cursor === null) done = true;
          const texts = page.texts.filter(Boolean);
          if (texts.length) {
            for (const text of texts) controller.enqueue(encoder.encode(text));
            if (done) controller.close();
            return;
          }
        }
        controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

export function csvResponse(stream: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
