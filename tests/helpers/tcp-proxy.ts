import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { closeDatabase } from "@/db";
import { resetEnvForTests } from "@/lib/env";

/**
 * A plain TCP relay that can be cut and restored on the same port: the database going away and back.
 * `onUpstream` sees each chunk a client sends (to count a driver's writes: its round trips).
 */
export async function startTcpProxy(host: string, port: number, options: { onUpstream?: (chunk: Buffer) => void } = {}) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let listenPort = 0;
  const relay = (client: Socket) => {
    const up = connect(port, host);
    for (const s of [client, up]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    if (options.onUpstream) client.on("data", options.onUpstream);
    client.pipe(up).pipe(client);
  };
  async function listen() {
    server = createServer(relay);
    await new Promise<void>((resolve) => server!.listen(listenPort, "127.0.0.1", resolve));
    listenPort = (server.address() as AddressInfo).port;
  }
  await listen();
  return {
    port: () => listenPort,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server!.close(() => resolve());
      }),
    restore: listen,
  };
}

/**
 * The app's database handle (PostgreSQL, DATABASE_URL) reopened through a relay: to cut the database away,
 * or to watch what the app sends. `restore()` points the app back at the database and closes the relay.
 */
export async function appDatabaseThroughProxy(options: { onUpstream?: (chunk: Buffer) => void } = {}) {
  const directUrl = process.env.DATABASE_URL!;
  const url = new URL(directUrl);
  const proxy = await startTcpProxy(url.hostname, Number(url.port || 5432), options);
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port());
  await closeDatabase();
  process.env.DATABASE_URL = url.toString();
  resetEnvForTests();
  return {
    proxy,
    directUrl,
    restore: async () => {
      await closeDatabase();
      process.env.DATABASE_URL = directUrl;
      resetEnvForTests();
      await proxy.cut();
    },
  };
}
