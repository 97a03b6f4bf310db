import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Debian's nginx (`.ci/run` installs it when missing). */
export const NGINX_PATH = "/usr/sbin/nginx";

/** A running nginx serving a built site on loopback; `origin` is `http://127.0.0.1:PORT`. */
export interface NginxSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `siteDir` with real nginx and the site's own configuration snippet
 * (`docs/nginx.conf`), inside the kind of server block the snippet's comment
 * describes, so the tests see exactly the headers production sends. Plain
 * HTTP on loopback: TLS is not what these tests are about.
 */
export async function serveWithNginx(siteDir: string, snippetFile: string): Promise<NginxSite> {
  const dir = mkdtempSync(join(tmpdir(), "step-nginx-"));
  const port = await freePort();
  const config = join(dir, "nginx.conf");
  writeFileSync(config, nginxConfig(dir, port, siteDir, snippetFile));
  const nginx = spawn(NGINX_PATH, ["-p", dir, "-e", join(dir, "error.log"), "-c", config], { stdio: "ignore" });
  const stop = () => stopProcess(nginx).finally(() => rmSync(dir, { recursive: true, force: true }));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(origin, nginx, join(dir, "error.log"));
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, close: stop };
}

function nginxConfig(dir: string, port: number, siteDir: string, snippetFile: string): string {
  const temp = join(dir, "temp");
  mkdirSync(temp);
  return `daemon off;
master_process off;
pid ${join(dir, "nginx.pid")};
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${siteDir};
    include ${snippetFile};
  }
}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(origin: string, nginx: ChildProcess, errorLog: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null) break;
    try {
      await fetch(origin, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  let log = "";
  try {
    log = readFileSync(errorLog, "utf8");
  } catch {
    log = "(no error log)";
  }
  throw new Error(`nginx did not start serving ${origin}:\n${log}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
