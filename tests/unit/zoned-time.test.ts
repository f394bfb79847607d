import { describe, expect, it } from "vitest";
import { dateInZone, formatDateTime, formatRelative, zonedDayBounds } from "@/lib/ui/format";

// Issue 8: one way to show a time (the workspace's zone, named; relative within a day), and a day picked on
// the audit page read as that day in the workspace's zone — DST days included.

describe("a day in a zone, as RFC 3339 instants", () => {
  it.each([
    ["2025-03-12", "UTC", "2025-03-12T00:00:00.000Z", "2025-03-12T23:59:59.999Z"],
    ["2025-03-12", "Asia/Kolkata", "2025-03-11T18:30:00.000Z", "2025-03-12T18:29:59.999Z"],
    // 23-hour days: clocks go forward
    ["2025-03-09", "America/New_York", "2025-03-09T05:00:00.000Z", "2025-03-10T03:59:59.999Z"],
    ["2025-03-30", "Europe/Paris", "2025-03-29T23:00:00.000Z", "2025-03-30T21:59:59.999Z"],
    // a 25-hour day: clocks go back
    ["2025-10-26", "Europe/Paris", "2025-10-25T22:00:00.000Z", "2025-10-26T22:59:59.999Z"],
    ["2025-06-01", "Pacific/Kiritimati", "2025-05-31T10:00:00.000Z", "2025-06-01T09:59:59.999Z"],
  ])("%s in %s", (day, zone, start, end) => {
    expect(zonedDayBounds(day, zone)).toEqual({ start, end });
    expect(dateInZone(new Date(start), zone)).toBe(day);
    expect(dateInZone(new Date(end), zone)).toBe(day);
  });

  it("is null for what is not a day", () => {
    for (const text of ["2025-02-30", "2025-13-01", "1969-12-31", "yesterday", "2025-03-12T10:00:00Z", ""])
      expect(zonedDayBounds(text, "UTC")).toBeNull();
  });
});

describe("showing a time", () => {
  it("names the zone", () => {
    expect(formatDateTime("2025-03-12T13:05:00Z", "Europe/Paris")).toBe("12 Mar 2025, 14:05 CET");
    expect(formatDateTime("2025-07-12T13:05:00Z", "America/New_York")).toBe("12 Jul 2025, 09:05 EDT");
    expect(formatDateTime("2025-07-12T13:05:00Z", "UTC")).toBe("12 Jul 2025, 13:05 UTC");
    expect(formatDateTime(null, "UTC")).toBe("—");
  });

  it("is relative within a day, and not beyond", () => {
    const now = new Date("2025-03-12T12:00:00Z");
    const at = (ms: number) => formatRelative(new Date(now.getTime() + ms), now);
    expect(at(-20_000)).toBe("just now");
    expect(at(-12 * 60_000)).toBe("12 min ago");
    expect(at(-3 * 3_600_000)).toBe("3 hours ago");
    expect(at(-60 * 60_000)).toBe("1 hour ago");
    expect(at(20 * 60_000)).toBe("in 20 min");
    expect(at(-25 * 3_600_000)).toBeNull();
  });
});
