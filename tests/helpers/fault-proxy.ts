import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

// A small HTTP-level fault injector between the app and the sandbox. Each mode is one way Nedzo (or the
// network) can fail; "forward" modes pass the request on, so the sandbox really creates the campaign.

export type FaultMode =
  | "pass"
  | "hang" // accepts, reads the request, never answers
  | "reset-before" // closes the connection as soon as it opens
  | "reset-after" // forwards the request, then closes without relaying the answer
  | "slow-body" // forwards, relays the status line and headers, then dribbles the body past any timeout
  | "malformed-2xx" // forwards, then answers 200 with a body cut in half
  | "http-500"
  | "http-502"
  | "http-503";

export async function startFaultProxy(upstream: string) {
  const target = new URL(upstream);
  let mode: FaultMode = "pass";
  const sockets = new Set<Socket>();

  function readRequest(client: Socket, onRequest: (raw: Buffer) => void) {
    let buf = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(buf.subarray(0, end).toString())?.[1] ?? 0);
      if (buf.length >= end + 4 + length) {
        client.removeAllListeners("data");
        onRequest(buf);
      }
    });
  }

  /** Sends the request on, and hands over the whole answer (headers and content-length bytes) at once. */
  function forward(raw: Buffer, onResponse: (data: Buffer, upstreamSocket: Socket) => void) {
    const up = connect(Number(target.port), target.hostname, () => up.write(raw));
    sockets.add(up);
    let buf = Buffer.alloc(0);
    up.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(buf.subarray(0, end).toString())?.[1] ?? 0);
      if (buf.length >= end + 4 + length) onResponse(buf, up);
    });
    up.on("error", () => {});
  }

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("error", () => {});
    client.on("close", () => sockets.delete(client));
    if (mode === "reset-before") return void client.resetAndDestroy();

    readRequest(client, (raw) => {
      const answer = (status: number, body: string) =>
        client.end(
          `HTTP/1.1 ${status} X\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      switch (mode) {
        case "pass":
          // one request per connection (connection: close), so a later request always meets the current mode
          return forward(raw, (data, up) => {
            up.destroy();
            const text = data.toString();
            const end = text.indexOf("\r\n\r\n");
            const head = text
              .slice(0, end)
              .replace(/\r\nconnection:[^\r]*/gi, "")
              .replace(/\r\nkeep-alive:[^\r]*/gi, "");
            client.end(`${head}\r\nconnection: close\r\n\r\n${text.slice(end + 4)}`);
          });
        case "hang":
          return;
        case "http-500":
          return answer(500, JSON.stringify({ status_code: 500, message: "Internal server error", data: null }));
        case "http-502":
          return answer(502, "<html><body>502 Bad Gateway</body></html>");
        case "http-503":
          return answer(
            503,
            JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503, detail: "Down for maintenance" }),
          );
        case "reset-after":
          return forward(raw, (_data, up) => {
            up.destroy();
            client.resetAndDestroy();
          });
        case "malformed-2xx":
          return forward(raw, (data, up) => {
            up.destroy();
            const text = data.toString();
            const body = text.slice(text.indexOf("\r\n\r\n") + 4);
            answer(200, body.slice(0, Math.floor(body.length / 2)));
          });
        case "slow-body":
          return forward(raw, (data, up) => {
            up.destroy();
            const text = data.toString();
            const head = text.slice(0, text.indexOf("\r\n\r\n") + 4);
            client.write(head);
            // one byte of the body, then nothing: the rest never comes
            client.write(text.slice(head.length, head.length + 1));
            setTimeout(() => client.destroy(), 30_000).unref();
          });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode: (m: FaultMode) => {
      mode = m;
      // nothing open survives a change of mode
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
