/**
 * A TCP proxy that tests put between two real parts (the app and MySQL, a client and the room)
 * to make the network fail on cue without stopping either side: `cut()` is an outage, `drop()`
 * a blip, `restore()` ends the outage. It works the same against a throwaway database server
 * and an external DATABASE_URL, because neither is touched.
 */
import net from "node:net";

export type TcpProxy = {
  /** The local port to connect to instead of the target. */
  readonly port: number;
  /** Connections currently relayed. */
  readonly open: number;
  /** Resets every open connection and every new one until `restore()`. */
  cut(): void;
  /** Resets every open connection; new ones are relayed as usual. */
  drop(): void;
  restore(): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let refusing = false;

  // A reset rather than a FIN: peers see ECONNRESET at once, as when a network path dies,
  // instead of a tidy goodbye that some clients treat as a normal end.
  const reset = (socket: net.Socket) => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };

  const server = net.createServer((client) => {
    if (refusing) {
      client.on("error", () => {});
      reset(client);
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      reset(client);
      reset(upstream);
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("the proxy has no address");

  const dropAll = () => {
    for (const { client, upstream } of [...pairs]) {
      reset(client);
      reset(upstream);
    }
    pairs.clear();
  };

  return {
    port: address.port,
    get open() {
      return pairs.size;
    },
    cut() {
      refusing = true;
      dropAll();
    },
    drop: dropAll,
    restore() {
      refusing = false;
    },
    close() {
      dropAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
