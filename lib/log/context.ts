import { AsyncLocalStorage } from "node:async_hooks";

// The request id: one per request, on every log line written while the request runs (lib code included,
// through AsyncLocalStorage), on the response (X-Request-Id) and in every problem body ("request_id").

export { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

type RequestContext = { requestId: string };

// Next may load this module once per bundle: one store per process, so a route's bundle and lib code agree.
const holder = globalThis as unknown as { __campaignConsoleRequests?: AsyncLocalStorage<RequestContext> };
const store = () => (holder.__campaignConsoleRequests ??= new AsyncLocalStorage<RequestContext>());

export function currentRequestId(): string | undefined {
  return store().getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return store().run({ requestId }, fn);
}
