// The request id's header, and which incoming ids we repeat: a caller's own id is kept only when it is a
// short token of safe characters (it goes into log lines and response headers). No Node imports: proxy.ts
// uses it too.

export const REQUEST_ID_HEADER = "x-request-id";

const SAFE_ID = /^[A-Za-z0-9_.:-]{8,64}$/;

/** The incoming X-Request-Id when it is safe to repeat, else a fresh one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER)?.trim();
  return incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
}
