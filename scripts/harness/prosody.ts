import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePorts } from "./free-ports.ts";
import { type ServerProcess, spawnServer, startAndWaitForLog, startWithPortRetries } from "./server-process.ts";
import { defaultTestCa, issueServerCert, type ServerCert, type TestCa } from "./test-ca.ts";
import type { TestAccount, TestXmppServer } from "./xmpp-test-server.ts";

const run = promisify(execFile);

/**
 * A private Prosody (Debian's /usr/bin/prosody, 0.12) on loopback. Every part
 * a test may need is optional; the defaults give one VirtualHost with STARTTLS.
 */
export interface ProsodyOptions {
  /** The VirtualHost, and the name the certificate carries. Default `step.test`. */
  domain?: string;
  accounts?: readonly TestAccount[];
  /** Bare JIDs with admin rights (Prosody lets only admins create PubSub nodes). */
  admins?: readonly string[];
  /** A PubSub component; `maxItems` sets `pubsub_max_items`, the ceiling (and the meaning of "max"). */
  pubsub?: { host?: string; maxItems?: number };
  /** A MUC component. */
  muc?: { host?: string };
  /** A VirtualHost with anonymous login, e.g. `anon.step.test`. */
  anonymousHost?: string;
  /** Also listen for XEP-0368 direct TLS. */
  directTls?: boolean;
  /** Serve HTTP and HTTPS (mod_http) with these modules, e.g. ["websocket", "bosh"]. */
  http?: { modules: readonly string[] };
  /** More modules for every host. */
  modules?: readonly string[];
  /** Lua lines added to the global section (before any host). */
  extraConfig?: string;
  /**
   * More components, each with its own settings lines, e.g.
   * `{ host: "upload.step.test", module: "http_file_share", settings: ["http_file_share_size_limit = 1048576"] }`.
   */
  components?: readonly { host: string; module: string; settings?: readonly string[] }[];
  /** Defaults to the test run's shared CA (global setup), or a new one outside Vitest. */
  ca?: TestCa;
  /** How long the server certificate is valid; default 2 days. */
  certificateDays?: number;
  /** Back-dates the server certificate's start by this many days (a certificate near its expiry). */
  certificateStartedDaysAgo?: number;
  /** Names the VirtualHost's certificate carries instead of its own (to test a mismatched certificate). */
  certificateHosts?: readonly string[];
}

export interface ProsodyServer extends TestXmppServer {
  hosts: { pubsub?: string; muc?: string; anonymous?: string };
  ports: { c2s: number; directTls?: number; http?: number; https?: number };
  /** `xmpps://127.0.0.1:<port>` when `directTls` was asked for. */
  directTlsService?: string;
}

const PROSODY = "/usr/bin/prosody";
const PROSODYCTL = "/usr/bin/prosodyctl";
const BASE_MODULES = ["roster", "saslauth", "tls", "disco", "private", "ping"];

const lua = (text: string) => `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
const luaList = (items: readonly (string | number)[]) =>
  `{ ${items.map((item) => (typeof item === "number" ? String(item) : lua(item))).join("; ")} }`;

export async function startProsody(options: ProsodyOptions = {}): Promise<ProsodyServer> {
  const domain = options.domain ?? "step.test";
  const hosts = {
    ...(options.pubsub && { pubsub: options.pubsub.host ?? `pubsub.${domain}` }),
    ...(options.muc && { muc: options.muc.host ?? `muc.${domain}` }),
    ...(options.anonymousHost && { anonymous: options.anonymousHost }),
  };
  const ca = options.ca ?? defaultTestCa();
  const dir = mkdtempSync(join(tmpdir(), "step-prosody-"));
  const certs = join(dir, "certs");
  mkdirSync(certs);
  mkdirSync(join(dir, "data"));
  issueServerCert(
    ca,
    [domain, ...Object.values(hosts)],
    certs,
    options.certificateDays,
    options.certificateStartedDaysAgo,
  );
  const hostCertificate = options.certificateHosts && issueServerCert(ca, options.certificateHosts, dir);
  const configFile = join(dir, "prosody.cfg.lua");
  const logFile = join(dir, "prosody.log");

  let ports: ProsodyServer["ports"] = { c2s: 0 };
  let running: ServerProcess | undefined;
  const server: ProsodyServer = {
    domain,
    hosts,
    ports,
    service: "",
    ca,
    dir,
    logFile,
    async register({ username, password }) {
      await run(PROSODYCTL, ["--config", configFile, "register", username, domain, password], { cwd: dir });
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      if (running) return;
      const wanted = listeningPorts(ports);
      running = await startAndWaitForLog(
        () => spawnServer(PROSODY, ["-F", "--config", configFile], { cwd: dir, outputFile: join(dir, "stdout.log") }),
        logFile,
        {
          what: "Prosody",
          timeoutMs: 30_000,
          portTaken: /Failed to open server port/,
          ready: (fresh) =>
            wanted.every((port) => fresh.includes(`]:${port}`)) && /Activated service 'c2s'/.test(fresh),
        },
      );
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  // Another process may take a port between our probe and Prosody's bind: try again with new ones.
  await startWithPortRetries(dir, async () => {
    ports = await choosePorts(options);
    Object.assign(server, {
      ports,
      service: `xmpp://127.0.0.1:${ports.c2s}`,
      ...(ports.directTls && { directTlsService: `xmpps://127.0.0.1:${ports.directTls}` }),
    });
    writeFileSync(configFile, prosodyConfig({ options, domain, hosts, ports, dir, logFile, hostCertificate }));
    await server.start();
  });
  for (const account of options.accounts ?? []) await server.register(account);
  return server;
}

const listeningPorts = (ports: ProsodyServer["ports"]) =>
  [ports.c2s, ports.directTls, ports.http, ports.https].filter((port) => port !== undefined);

async function choosePorts(options: ProsodyOptions): Promise<ProsodyServer["ports"]> {
  const [c2s = 0, directTls = 0, http = 0, https = 0] = await freePorts(4);
  return {
    c2s,
    ...(options.directTls && { directTls }),
    ...(options.http && { http, https }),
  };
}

function prosodyConfig(input: {
  options: ProsodyOptions;
  domain: string;
  hosts: ProsodyServer["hosts"];
  ports: ProsodyServer["ports"];
  dir: string;
  logFile: string;
  hostCertificate: ServerCert | undefined;
}): string {
  const { options, domain, hosts, ports, dir, logFile, hostCertificate } = input;
  const modules = [...BASE_MODULES, ...(options.modules ?? []), ...(options.http?.modules ?? [])];
  const lines = [
    "-- Written by scripts/harness/prosody.ts for one test run.",
    // As root, Prosody would switch to the `prosody` user, who cannot read this private folder.
    "run_as_root = true",
    `data_path = ${lua(join(dir, "data"))}`,
    `certificates = ${lua(join(dir, "certs"))}`,
    `log = { info = ${lua(logFile)} }`,
    `interfaces = ${luaList(["127.0.0.1"])}`,
    `local_interfaces = ${luaList(["127.0.0.1"])}`,
    `c2s_ports = ${luaList([ports.c2s])}`,
    `c2s_direct_tls_ports = ${luaList(ports.directTls ? [ports.directTls] : [])}`,
    "legacy_ssl_ports = {}",
    `http_ports = ${luaList(ports.http ? [ports.http] : [])}`,
    `http_interfaces = ${luaList(["127.0.0.1"])}`,
    `https_ports = ${luaList(ports.https ? [ports.https] : [])}`,
    `https_interfaces = ${luaList(["127.0.0.1"])}`,
    'modules_disabled = { "s2s" }',
    `modules_enabled = ${luaList(modules)}`,
    "c2s_require_encryption = true",
    'authentication = "internal_hashed"',
    `admins = ${luaList(options.admins ?? [])}`,
    options.extraConfig ?? "",
    "",
    `VirtualHost ${lua(domain)}`,
  ];
  if (hostCertificate) {
    lines.push(`  ssl = { certificate = ${lua(hostCertificate.certFile)}; key = ${lua(hostCertificate.keyFile)} }`);
  }
  if (hosts.anonymous) lines.push(`VirtualHost ${lua(hosts.anonymous)}`, '  authentication = "anonymous"');
  if (hosts.pubsub) {
    lines.push(`Component ${lua(hosts.pubsub)} "pubsub"`);
    if (options.pubsub?.maxItems) lines.push(`  pubsub_max_items = ${options.pubsub.maxItems}`);
  }
  if (hosts.muc) lines.push(`Component ${lua(hosts.muc)} "muc"`);
  for (const component of options.components ?? []) {
    lines.push(
      `Component ${lua(component.host)} ${lua(component.module)}`,
      ...(component.settings ?? []).map((line) => `  ${line}`),
    );
  }
  return `${lines.join("\n")}\n`;
}
