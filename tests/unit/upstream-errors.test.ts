import { describe, expect, it } from "vitest";
import { readUpstreamError } from "@/lib/nedzo/client";

describe("reading Nedzo's three error shapes", () => {
  it("reads problem details", () => {
    const body = JSON.stringify({ type: "x", title: "Unauthorized", status: 401, detail: "Invalid or missing API key" });
    expect(readUpstreamError(401, body)).toEqual({ detail: "Unauthorized: Invalid or missing API key" });
  });

  it("reads the legacy envelope with data: null", () => {
    expect(readUpstreamError(500, JSON.stringify({ status_code: 500, message: "Internal server error", data: null }))).toEqual({
      detail: "Internal server error",
    });
  });

  it("maps FastAPI loc onto our field names", () => {
    const body = JSON.stringify({
      detail: [
        { loc: ["body", "agent_id"], msg: "Agent not found", type: "value_error" },
        { loc: ["body", "max_calls_per_hour"], msg: "Input should be a valid integer", type: "int_type" },
        { loc: ["query", "secret"], msg: "odd", type: "x" },
      ],
    });
    expect(readUpstreamError(422, body).errors).toEqual([
      { path: "agent_id", message: "Agent not found" },
      { path: "max_calls_per_hour", message: "Input should be a valid integer" },
      { path: "", message: "odd" },
    ]);
  });

  it("reads a plain detail string, and survives a body that is not JSON", () => {
    expect(readUpstreamError(502, JSON.stringify({ detail: "Bad gateway" }))).toEqual({ detail: "Bad gateway" });
    expect(readUpstreamError(503, "<html>Service Unavailable</html>").detail).toBe("Nedzo answered 503: <html>Service Unavailable</html>");
  });
});
