import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSandbox, SandboxConnectionDropped, type Sandbox, type SandboxOptions } from "./handler";

// Serves the sandbox handler over real HTTP: for `npm run sandbox` and for tests.

async function toRequest(msg: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of msg) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(msg.headers)) if (typeof v === "string") headers.set(k, v);
  const hasBody = msg.method !== "GET" && msg.method !== "HEAD";
  return new Request(new URL(msg.url ?? "/", origin), {
    method: msg.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

export type RunningSandbox = Sandbox & { url: string; server: Server; close: () => Promise<void> };

export async function startSandboxServer(port = 0, options: SandboxOptions = {}, host = "127.0.0.1"): Promise<RunningSandbox> {
  const sandbox = createSandbox(options);
  const server = createServer(async (msg, res) => {
    try {
      const response = await sandbox.handle(await toRequest(msg, `http://${host}`));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (error instanceof SandboxConnectionDropped) {
        msg.socket.destroy();
        return;
      }
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ status_code: 500, message: "Sandbox error", data: null }));
    }
  });
  // Idle connections stay open 65 s, as behind a typical load balancer. undici (fetch) closes a connection
  // whose Keep-Alive hint is under 2 s, so the old 1 s made every request from the console open a new TCP
  // connection. (With 5 s, fuzz.test.ts's GET agents failed twice with ECONNRESET, a kept connection the
  // server had closed; with 65 s it passes.)
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    ...sandbox,
    url: `http://${host}:${bound}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
