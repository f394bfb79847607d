import { observeRequest } from "@/lib/metrics/registry";
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestId } from "./context";
import { log } from "./logger";

// Every API answer goes through here: the request runs with its id (logs, problem bodies), answers with
// X-Request-Id, is timed into the latency histogram by its route pattern, and gets one log line.

/** The route pattern of a path: each segment that is a parameter's value becomes `[name]` (ids stay out of labels). */
export function routePattern(pathname: string, params: Record<string, string>): string {
  let pattern = pathname;
  for (const [name, value] of Object.entries(params)) {
    if (value) pattern = pattern.split(`/${value}`).join(`/[${name}]`);
  }
  return pattern;
}

function withRequestIdHeader(res: Response, id: string): Response {
  try {
    res.headers.set(REQUEST_ID_HEADER, id);
    return res;
  } catch {
    // immutable headers (Response.redirect, a fetched response): the same answer, with headers we may set
    const copy = new Response(res.body, res);
    copy.headers.set(REQUEST_ID_HEADER, id);
    return copy;
  }
}

/**
 * Runs `handle` as one traced request. `route` names its pattern (for metrics and the log line); it may be
 * a function, asked after the answer, when the pattern is only known from the route's params.
 */
export async function traceRequest(
  req: Request,
  route: string | (() => string | Promise<string>),
  handle: () => Promise<Response>,
): Promise<Response> {
  const id = requestIdFrom(req.headers);
  return runWithRequestId(id, async () => {
    const started = performance.now();
    let res: Response;
    try {
      res = await handle();
    } catch (error) {
      log.error({ err: error }, "unhandled error in a route");
      res = new Response(JSON.stringify({ title: "Internal error", status: 500, request_id: id }), {
        status: 500,
        headers: { "content-type": "application/problem+json" },
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const pattern = typeof route === "function" ? await route() : route;
    observeRequest(req.method, pattern, res.status, seconds);
    log.info({ method: req.method, route: pattern, status: res.status, ms: Math.round(seconds * 1000) }, "request");
    return withRequestIdHeader(res, id);
  });
}

/** A route handler traced under a fixed pattern (routes outside the workspace guard: health, auth, …). */
export function traced<A extends unknown[]>(route: string, handler: (req: Request, ...rest: A) => Promise<Response>) {
  // (tests call some of these handlers with no request at all)
  return (req: Request = new Request(`http://localhost${route}`), ...rest: A) => traceRequest(req, route, () => handler(req, ...rest));
}
