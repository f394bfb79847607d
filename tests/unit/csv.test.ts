import { describe, expect, it } from "vitest";
import { csvField, csvStream, csvTextStream } from "@/lib/exports/csv";

describe("CSV exports", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("+15550001234")).toBe("'+15550001234");
    expect(csvField(-3)).toBe("-3"); // numbers are numbers
    expect(csvField(null)).toBe("");
    expect(csvField(new Date("2026-11-30T10:00:00Z"))).toBe("2026-11-30T10:00:00.000Z");
  });

  it("reads a page only when the reader has taken the previous one", async () => {
    const reads: number[] = [];
    const stream = csvStream(
      ["n"],
      async (cursor: number | null) => {
        const from = cursor ?? 0;
        reads.push(from);
        return { rows: Array.from({ length: 3 }, (_, i) => from + i), next: from + 3 < 9 ? from + 3 : null };
      },
      (n) => [n],
    );
    const reader = stream.getReader();
    const first = await reader.read(); // the header
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(first.value)).toBe("\uFEFFn\r\n");
    expect(reads.length).toBeLessThanOrEqual(1);
    let text = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    expect(text).toBe("0\r\n1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n");
    expect(reads).toEqual([0, 3, 6]);
  });

  it("ends when the last page is empty (a row count that is a multiple of the page) or there are no rows at all", async () => {
    const read = async (stream: ReadableStream<Uint8Array>) => {
      let text = "";
      const reader = stream.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read())
        text += new TextDecoder("utf-8", { ignoreBOM: true }).decode(r.value);
      return text;
    };
    // pages of 3 over 6 rows: the third page is empty and has no next
    const six = csvStream(
      ["n"],
      async (cursor: number | null) => {
        const from = cursor ?? 0;
        const rows = Array.from({ length: Math.max(0, Math.min(3, 6 - from)) }, (_, i) => from + i);
        return { rows, next: rows.length === 3 ? from + 3 : null };
      },
      (n) => [n],
    );
    expect(await read(six)).toBe("\uFEFFn\r\n0\r\n1\r\n2\r\n3\r\n4\r\n5\r\n");
    expect(
      await read(
        csvStream(
          ["n"],
          async () => ({ rows: [] as number[], next: null }),
          (n) => [n],
        ),
      ),
    ).toBe("\uFEFFn\r\n");
    const text = csvTextStream<number>(["n"], async (cursor) =>
      cursor === null ? { texts: ["a\r\n", "b\r\n"], next: 1 } : { texts: [], next: null },
    );
    expect(await read(text)).toBe("\uFEFFn\r\na\r\nb\r\n");
  });
});
