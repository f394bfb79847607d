// A load generator in its own process (autocannon), so the server measured does not share its CPU with
// the client: node bench/load.mjs '{"url","connections","amount"?,"duration"?,"kind":"webhook"|"get","headers"?,
// "method"?,"body"?,"campaign"?}' ("get" sends method/body/headers as given: GET by default)
import autocannon from "autocannon";

const o = JSON.parse(process.argv[2]);
let n = 0;
const requests =
  o.kind === "webhook"
    ? [
        {
          method: "POST",
          setupRequest: (req) => {
            n += 1;
            const conversation = {
              id: `load-${process.pid}-${n}`,
              campaign_id: o.campaign,
              started: new Date().toISOString(),
              length_in_seconds: 60 + (n % 120),
              outcome: n % 7 ? "no_answer" : "appointment_booked",
              summary: "Load call",
              transcript: "AI: hello ".repeat(200),
            };
            return { ...req, headers: { "content-type": "application/json" }, body: JSON.stringify(conversation) };
          },
        },
      ]
    : [{ method: o.method ?? "GET", headers: o.headers ?? {}, ...(o.body ? { body: o.body } : {}) }];
const result = await autocannon({
  url: o.url,
  connections: o.connections,
  ...(o.duration ? { duration: o.duration } : { amount: o.amount }),
  requests,
  timeout: 30,
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
  }),
);
