import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePorts } from "./free-ports.ts";
import { type ServerProcess, spawnServer, startAndWaitForLog, startWithPortRetries } from "./server-process.ts";
import { defaultTestCa, issueServerCert, type TestCa } from "./test-ca.ts";
import type { TestAccount, TestXmppServer } from "./xmpp-test-server.ts";

/**
 * A private ejabberd (Debian's 23.01, the server STEP.im runs) on loopback.
 * It runs `erl` directly rather than `ejabberdctl`: no Erlang distribution, so
 * no shared epmd, node name or cookie to collide with anything else on the
 * machine, and no switch to the `ejabberd` user. Accounts are made through
 * mod_http_api, open to loopback only.
 */
export interface EjabberdOptions {
  /** The XMPP host. Default `ej.test`. */
  domain?: string;
  accounts?: readonly TestAccount[];
  /** mod_pubsub with the flat plugin on `pubsub.<domain>`; `maxItemsNode` is ejabberd's ceiling (default 1000). */
  pubsub?: { maxItemsNode?: number };
  /** Defaults to the test run's shared CA (global setup), or a new one outside Vitest. */
  ca?: TestCa;
}

export interface EjabberdServer extends TestXmppServer {
  ports: { c2s: number; http: number };
}

const ERL = "/usr/bin/erl";
/** Where Debian installs ejabberd's own Erlang application (ejabberdctl sets the same). */
const ERL_LIBS = "/usr/lib/x86_64-linux-gnu";

export async function startEjabberd(options: EjabberdOptions = {}): Promise<EjabberdServer> {
  const domain = options.domain ?? "ej.test";
  const hosts = options.pubsub ? { pubsub: `pubsub.${domain}` } : {};
  const ca = options.ca ?? defaultTestCa();
  const dir = mkdtempSync(join(tmpdir(), "step-ejabberd-"));
  mkdirSync(join(dir, "spool"));
  const certificate = issueServerCert(ca, [domain, ...Object.values(hosts)], dir);
  const configFile = join(dir, "ejabberd.yml");
  const logFile = join(dir, "ejabberd.log");
  const env = {
    ...process.env,
    ERL_LIBS,
    EJABBERD_CONFIG_PATH: configFile,
    EJABBERD_LOG_PATH: logFile,
    HOME: dir,
    ERL_CRASH_DUMP: join(dir, "erl_crash.dump"),
    ERL_CRASH_DUMP_BYTES: "0",
  };

  let running: ServerProcess | undefined;
  const server: EjabberdServer = {
    domain,
    hosts,
    ports: { c2s: 0, http: 0 },
    service: "",
    ca,
    dir,
    logFile,
    async register({ username, password }) {
      const response = await fetch(`http://127.0.0.1:${server.ports.http}/api/register`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ user: username, host: domain, password }),
      });
      if (!response.ok) throw new Error(`ejabberd refused to register ${username}: ${await response.text()}`);
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      if (running) return;
      const spool = join(dir, "spool");
      const listening = (port: number, module: string) => `127.0.0.1:${port} for ${module}`;
      running = await startAndWaitForLog(
        () =>
          spawnServer(ERL, ["-noinput", "-mnesia", "dir", `"${spool}"`, "-s", "ejabberd"], {
            cwd: dir,
            env,
            outputFile: join(dir, "stdout.log"),
          }),
        logFile,
        {
          what: "ejabberd",
          timeoutMs: 60_000,
          portTaken: /eaddrinuse/i,
          ready: (fresh) =>
            fresh.includes(listening(server.ports.c2s, "ejabberd_c2s")) &&
            fresh.includes(listening(server.ports.http, "ejabberd_http")),
        },
      );
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  await startWithPortRetries(dir, async () => {
    const [c2s = 0, http = 0] = await freePorts(2);
    Object.assign(server, { ports: { c2s, http }, service: `xmpp://127.0.0.1:${c2s}` });
    writeFileSync(
      configFile,
      ejabberdConfig({ domain, hosts, c2s, http, ca, certificateFile: certificate.bundleFile, options }),
    );
    await server.start();
  });
  for (const account of options.accounts ?? []) await server.register(account);
  return server;
}

function ejabberdConfig(input: {
  domain: string;
  hosts: EjabberdServer["hosts"];
  c2s: number;
  http: number;
  ca: TestCa;
  certificateFile: string;
  options: EjabberdOptions;
}): string {
  const { domain, hosts, c2s, http, ca, certificateFile, options } = input;
  // JSON is YAML: every value is quoted and escaped without a YAML library.
  const json = JSON.stringify;
  const lines = [
    "# Written by tests/support/ejabberd.ts for one test run.",
    `hosts: [${json(domain)}]`,
    "loglevel: info",
    `certfiles: [${json(certificateFile)}]`,
    `ca_file: ${json(ca.certFile)}`,
    "auth_method: internal",
    "auth_password_format: scram",
    "listen:",
    `  - {port: ${c2s}, ip: "127.0.0.1", module: ejabberd_c2s, starttls_required: true, max_stanza_size: 262144}`,
    `  - {port: ${http}, ip: "127.0.0.1", module: ejabberd_http, request_handlers: {/api: mod_http_api}}`,
    "api_permissions:",
    '  "tests register accounts from loopback":',
    "    from: mod_http_api",
    "    who: {ip: 127.0.0.1/8}",
    "    what: register",
    "modules:",
    "  mod_disco: {}",
    "  mod_private: {}",
    "  mod_http_api: {}",
  ];
  if (hosts.pubsub) {
    lines.push(
      "  mod_pubsub:",
      `    host: ${json(hosts.pubsub)}`,
      '    plugins: ["flat"]',
      `    max_items_node: ${options.pubsub?.maxItemsNode ?? 1000}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
