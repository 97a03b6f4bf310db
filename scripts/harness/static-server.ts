import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

/** A running server for a built site; `origin` is `http://127.0.0.1:PORT`. */
export interface StaticServer {
  origin: string;
  /** Every path requested so far, in order (decoded, without the query). */
  requests: string[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
};

/**
 * Serves `root` on a free loopback port the way the production web server
 * does: `/dir/` answers with `/dir/index.html`, a missing file with the site's
 * `404.html` and status 404. Nothing outside `root` can be read.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = requestPath(request.url ?? "/");
    requests.push(path ?? String(request.url));
    const file = path === undefined ? undefined : existingFile(root, path);
    const notFound = file === undefined;
    const served = file ?? join(root, "404.html");
    response.writeHead(notFound ? 404 : 200, {
      "content-type": CONTENT_TYPES[extname(served)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(served).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server) };
}

function requestPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, "http://localhost").pathname);
  } catch {
    return undefined;
  }
}

function existingFile(root: string, path: string): string | undefined {
  const candidate = normalize(join(root, path));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const stat = statSync(candidate, { throwIfNoEntry: false });
  if (stat?.isFile()) return candidate;
  if (stat?.isDirectory() && path.endsWith("/")) return existingFile(root, `${path}index.html`);
  return undefined;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
