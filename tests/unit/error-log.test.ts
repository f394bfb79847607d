import { describe, expect, it } from "vitest";
import { describeError } from "@/lib/api/guard";

describe("logging an unexpected error", () => {
  it("keeps the first line and the cause, never the query parameters", () => {
    const error = new Error("Failed query: select * from sessions where session_token = $1\nparams: 5f93dec6d6cf0615secret", {
      cause: new Error("connection reset"),
    });
    const line = describeError(error);
    expect(line).toContain("Failed query: select * from sessions");
    expect(line).toContain("cause: connection reset");
    expect(line).not.toContain("5f93dec6d6cf0615secret");
  });
});
