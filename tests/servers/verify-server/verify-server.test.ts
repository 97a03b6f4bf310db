import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import xml from "@xmpp/xml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProsodyOptions, type ProsodyServer, startProsody } from "../../../scripts/harness/prosody.ts";
import { createTestCa } from "../../../scripts/harness/test-ca.ts";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { accountFromEnv } from "../../../scripts/xmpp/config.ts";
import { openSession } from "../../../scripts/xmpp/connect.ts";
import { serverFactsFile } from "../../../src/lib/server-facts/load.ts";
import {
  CLAIM_IDS,
  loadObservations,
  type ObservedClaim,
  observationsFile,
} from "../../../src/lib/server-facts/observed-claims.ts";

/** The real server.yaml with the test server's names: the same claims, about a server on loopback. */
const DOMAIN = "step.test";
const realYaml = readFileSync(serverFactsFile(), "utf8");
const MIB = 1024 * 1024;
const checker = { username: "checker", password: "verify-server-test-password" };

/** The claims of server.yaml that a test server must be set up to make true. */
function factsFor(yaml: string) {
  const value = (pattern: RegExp) => {
    const match = pattern.exec(yaml);
    if (!match?.[1]) throw new Error(`server.yaml has no ${pattern}`);
    return match[1];
  };
  return {
    contactEmail: value(/contactEmail: (\S+)/),
    contactXmpp: value(/contactXmpp: (\S+)/),
    room: value(/publicRoom:\s+name: .*\n\s+node: (.+)/),
    newsNode: value(/newsNode: (\S+)/),
    maxFileSizeMiB: Number(value(/maxFileSizeMiB: (\S+)/)),
  };
}

const ourYaml = realYaml.replaceAll("step.im", DOMAIN);
const claims = factsFor(ourYaml);

/** The certificate a test server presents: its CA, lifetime, back-dating and names. */
type CertificateOptions = Pick<
  ProsodyOptions,
  "ca" | "certificateDays" | "certificateStartedDaysAgo" | "certificateHosts"
>;

/** Prosody set up to match `claims`; `changes` make it deliberately differ. */
function matchingServer(
  changes: { mam?: boolean; maxFileSizeMiB?: number; extraContact?: string } = {},
  certificate: CertificateOptions = {},
): ProsodyOptions {
  const contacts = [`mailto:${claims.contactEmail}`, `xmpp:${claims.contactXmpp}`];
  const abuse = changes.extraContact ? `, abuse = { "${changes.extraContact}" }` : "";
  return {
    domain: DOMAIN,
    accounts: [checker],
    admins: [`${checker.username}@${DOMAIN}`],
    pubsub: {},
    anonymousHost: `anon.${DOMAIN}`,
    modules: [...(changes.mam === false ? [] : ["mam"]), "server_contact_info"],
    extraConfig: `contact_info = { admin = { ${contacts.map((address) => `"${address}"`).join(", ")} }${abuse} }`,
    components: [
      {
        host: `muc.${DOMAIN}`,
        module: "muc",
        settings: ["muc_room_locking = false", "muc_room_default_persistent = true"],
      },
      {
        host: `upload.${DOMAIN}`,
        module: "http_file_share",
        settings: [`http_file_share_size_limit = ${(changes.maxFileSizeMiB ?? claims.maxFileSizeMiB) * MIB}`],
      },
      // Stands in for the IRC gateway: the claim is that the host answers disco.
      { host: `ircb.${DOMAIN}`, module: "muc" },
    ],
    // A fresh certificate of today's Let's Encrypt lifetime.
    certificateDays: 90,
    ...certificate,
  };
}

/** The public room and the news node exist on a real server; here the admin account makes them. */
async function createRoomAndNode(server: ProsodyServer): Promise<void> {
  const account = accountFromEnv({
    XMPP_JID: `${checker.username}@${DOMAIN}`,
    XMPP_PASSWORD: checker.password,
    XMPP_SERVICE: server.service,
  });
  const session = await openSession(account);
  try {
    const roomJid = `${claims.room}@muc.${DOMAIN}`;
    const joined = new Promise<void>((resolve) => {
      session.client.on("stanza", (stanza) => {
        if (stanza.is("presence") && String(stanza.attrs.from).startsWith(`${roomJid}/`)) resolve();
      });
    });
    await session.send(
      xml("presence", { to: `${roomJid}/checker` }, xml("x", { xmlns: "http://jabber.org/protocol/muc" })),
    );
    await joined;
    await session.send(xml("presence", { to: `${roomJid}/checker`, type: "unavailable" }));
    await session.request(
      xml(
        "iq",
        { type: "set", to: `pubsub.${DOMAIN}` },
        xml("pubsub", { xmlns: "http://jabber.org/protocol/pubsub" }, xml("create", { node: claims.newsNode })),
      ),
    );
  } finally {
    await session.close();
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run verify-server` as the operator runs it, against `server`, with the facts of `contentDir`. */
function verifyServer(
  server: ProsodyServer,
  contentDir: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const login = { XMPP_JID: `${checker.username}@${DOMAIN}`, XMPP_PASSWORD: checker.password };
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...login,
    XMPP_SERVICE: server.service,
    STEP_CONTENT_DIR: contentDir,
    ...env,
  };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, "scripts/verify-server.ts"), ...args],
      { cwd: PROJECT_ROOT, env: childEnv, timeout: 90_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function contentWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "step-verify-content-"));
  writeFileSync(join(dir, "server.yaml"), yaml);
  return dir;
}

/** The status column of the row whose check starts with `check`. */
function statusOf(stdout: string, check: string): string | undefined {
  return stdout
    .split("\n")
    .find((line) => line.startsWith(check))
    ?.trim()
    .split(/\s+/)
    .at(-1);
}

function issuerName(server: ProsodyServer): string {
  const ca = new X509Certificate(readFileSync(server.ca.certFile));
  return ca.subject.replace(/^CN=/, "");
}

describe("npm run verify-server against Prosody set up as server.yaml says", () => {
  let server: ProsodyServer;
  let matching: string;
  const contentDirs: string[] = [];

  beforeAll(async () => {
    server = await startProsody(matchingServer());
    await createRoomAndNode(server);
    // The test CA plays Let's Encrypt: the claim names the issuer the server really uses.
    matching = contentWith(ourYaml.replace(/issuer: .*/, `issuer: ${issuerName(server)}`));
    contentDirs.push(matching);
  });

  afterAll(async () => {
    await server?.dispose();
    for (const dir of contentDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("finds no drift, logged in with an account, and writes nothing without --write-observed", async () => {
    const run = await verifyServer(server, matching);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const check of [
      "server",
      "MAM",
      "HTTP File Upload (",
      "HTTP File Upload max",
      "contact",
      "MUC",
      "public room",
      "PubSub",
      "news node",
      "IRC",
      "TLS certificate issuer",
      "TLS certificate name",
      "TLS certificate chain",
      "TLS certificate renewal",
    ]) {
      expect(statusOf(run.stdout, check), `${check}\n${run.stdout}`).toBe("OK");
    }
    expect(statusOf(run.stdout, "TLS certificate SHA-256")).toBe("INFO");
    expect(existsSync(join(matching, "observed"))).toBe(false);
  });

  it("works anonymously (XMPP_JID unset), skipping only what needs an account", async () => {
    const run = await verifyServer(server, matching, [], { XMPP_JID: undefined, XMPP_PASSWORD: undefined });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`@anon.${DOMAIN}`);
    expect(statusOf(run.stdout, "MAM")).toBe("SKIPPED");
    expect(statusOf(run.stdout, "news node")).toBe("OK");
  });

  it("records every claim, its status and the certificate with --write-observed, for the pages", async () => {
    const dir = contentWith(readFileSync(join(matching, "server.yaml"), "utf8"));
    contentDirs.push(dir);
    const before = Date.now();
    const run = await verifyServer(server, dir, ["--write-observed"]);
    expect(run.code).toBe(0);
    const observed = loadObservations(observationsFile(dir));
    const presented = new X509Certificate(readFileSync(join(server.dir, "certs", `${DOMAIN}.crt`)));
    expect(observed?.certificate).toMatchObject({ host: DOMAIN, sha256: presented.fingerprint256 });
    expect(new Date(observed?.certificate.notAfter ?? 0).getTime()).toBe(presented.validToDate.getTime());
    expect(observed?.certificate.issuer).toContain(issuerName(server));
    expect(new Date(observed?.observedAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(observed?.claims.map((claim) => claim.id).sort()).toEqual([...CLAIM_IDS].sort());
    const statuses = Object.fromEntries(observed?.claims.map((claim) => [claim.id, claim.status]) ?? []);
    expect(statuses).toMatchObject({ mam: "ok", "upload-size": "ok", contacts: "ok", "tls-renewal": "ok" });
    expect(run.stdout).toContain(presented.fingerprint256);
    // The file is the only thing written: no temporary file is left beside it.
    expect(readdirSync(join(dir, "observed"))).toEqual(["verify-server.yaml"]);
  });

  it("reports every claim the server contradicts as drift, and exits 1", async () => {
    const wrong = readFileSync(join(matching, "server.yaml"), "utf8")
      .replace(`maxFileSizeMiB: ${claims.maxFileSizeMiB}`, `maxFileSizeMiB: ${claims.maxFileSizeMiB * 2}`)
      .replace(`contactEmail: ${claims.contactEmail}`, `contactEmail: someone-else@${DOMAIN}`)
      .replace(`newsNode: ${claims.newsNode}`, `newsNode: ${claims.newsNode}-gone`)
      .replace(/issuer: .*/, "issuer: Some Other CA");
    const dir = contentWith(wrong);
    contentDirs.push(dir);
    const run = await verifyServer(server, dir, ["--write-observed"]);
    expect(run.code).toBe(1);
    for (const check of ["HTTP File Upload max", "contact", "news node", "TLS certificate issuer"]) {
      expect(statusOf(run.stdout, check), `${check}\n${run.stdout}`).toBe("DRIFT");
    }
    expect(statusOf(run.stdout, "MUC")).toBe("OK");
    expect(run.stdout).toMatch(/4 claim\(s\) drifted/);
    // Drift is recorded too, never hidden: the pages show it from the same file.
    const recorded = loadObservations(observationsFile(dir))?.claims ?? [];
    const drifted = recorded.filter((claim) => claim.status === "drift").map((claim) => claim.id);
    expect(drifted.sort()).toEqual(["contacts", "news-node", "tls-issuer", "upload-size"]);
  });

  it("fails with one line and writes nothing when the certificate is not trusted", async () => {
    const dir = contentWith(readFileSync(join(matching, "server.yaml"), "utf8"));
    contentDirs.push(dir);
    const run = await verifyServer(server, dir, ["--write-observed"], { NODE_EXTRA_CA_CERTS: undefined });
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/not trusted/);
    expect(statusOf(run.stdout, "TLS certificate chain")).toBe("DRIFT");
    expect(existsSync(join(dir, "observed"))).toBe(false);
  });

  it("fails with one line, without the password, when the login is refused", async () => {
    const run = await verifyServer(server, matching, [], { XMPP_PASSWORD: "not-the-password" });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/wrong XMPP_JID or XMPP_PASSWORD/);
    expect(run.stderr).not.toContain("not-the-password");
  });

  it("names the field of a broken server.yaml and exits 2", async () => {
    const dir = contentWith(ourYaml.replace(/maxFileSizeMiB: .*/, "maxFileSizeMiB: lots"));
    contentDirs.push(dir);
    const run = await verifyServer(server, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("storedData.httpFileUpload.maxFileSizeMiB");
  });
});

describe("npm run verify-server against a Prosody configured differently from server.yaml", () => {
  let server: ProsodyServer;
  let content: string;

  beforeAll(async () => {
    server = await startProsody(
      matchingServer({ mam: false, maxFileSizeMiB: 1, extraContact: "mailto:abuse@example.org" }),
    );
    await createRoomAndNode(server);
    content = contentWith(ourYaml.replace(/issuer: .*/, `issuer: ${issuerName(server)}`));
  });

  afterAll(async () => {
    await server?.dispose();
    if (content) rmSync(content, { recursive: true, force: true });
  });

  it("reports the missing archive, the smaller upload limit and the unknown contact as drift", async () => {
    const run = await verifyServer(server, content);
    expect(run.code).toBe(1);
    for (const check of ["MAM", "HTTP File Upload max", "contact"]) {
      expect(statusOf(run.stdout, check), `${check}\n${run.stdout}`).toBe("DRIFT");
    }
    expect(run.stdout).toContain("mailto:abuse@example.org");
    expect(run.stdout).toMatch(/3 claim\(s\) drifted/);
  });
});

/** The rows of a `--json` run, by claim id. */
function rowsOf(run: Run): Record<string, ObservedClaim["status"]> {
  const { rows } = JSON.parse(run.stdout) as { rows: ObservedClaim[] };
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

const TLS_CLAIMS = ["tls-issuer", "tls-name", "tls-chain", "tls-renewal"] as const;

describe("npm run verify-server judges the certificate Prosody presents by the model of server.yaml", () => {
  const cleanup: (() => unknown)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  /** A server matching server.yaml in everything but its certificate; verify-server run against it. */
  async function checkCertificate(certificate: CertificateOptions, env: NodeJS.ProcessEnv = {}) {
    const server = await startProsody(matchingServer({}, certificate));
    cleanup.push(() => server.dispose());
    // The room and node's creator runs in this process, which trusts only the shared CA and the right name.
    if (certificate.certificateHosts === undefined && certificate.ca === undefined) await createRoomAndNode(server);
    const shared = new X509Certificate(readFileSync(process.env.NODE_EXTRA_CA_CERTS ?? "")).subject;
    const content = contentWith(ourYaml.replace(/issuer: .*/, `issuer: ${shared.replace(/^CN=/, "")}`));
    cleanup.push(() => rmSync(content, { recursive: true, force: true }));
    const run = await verifyServer(server, content, ["--json", "--write-observed"], env);
    return { run, server, content };
  }

  // server.yaml promises renewal before a quarter of the lifetime is left: a fresh certificate of any era keeps it.
  it.each([90, 64, 45])("passes a fresh %i-day certificate", async (days) => {
    const { run, server } = await checkCertificate({ certificateDays: days });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const statuses = rowsOf(run);
    for (const id of TLS_CLAIMS) expect(statuses[id], id).toBe("ok");
    const presented = new X509Certificate(readFileSync(join(server.dir, "certs", `${DOMAIN}.crt`)));
    const lifetime = presented.validToDate.getTime() - presented.validFromDate.getTime();
    expect(Math.round(lifetime / (24 * 60 * 60 * 1000))).toBe(days);
  });

  it("reports a 45-day certificate with 5 days left as drift, and records it", async () => {
    const { run, content } = await checkCertificate({ certificateDays: 45, certificateStartedDaysAgo: 40 });
    expect(run.code).toBe(1);
    const statuses = rowsOf(run);
    expect(statuses["tls-renewal"]).toBe("drift");
    expect(Object.entries(statuses).filter(([, status]) => status === "drift")).toEqual([["tls-renewal", "drift"]]);
    const recorded = loadObservations(observationsFile(content))?.claims.find((claim) => claim.id === "tls-renewal");
    expect(recorded).toMatchObject({
      status: "drift",
      observed: expect.stringMatching(/\(45-day\): less than the promised 11\.3 days left/),
    });
  });

  it("reports a trusted certificate from another CA than the stated issuer as drift", async () => {
    const other = createTestCa("Another test CA");
    const trusted = join(other.dir, "trusted.crt");
    writeFileSync(
      trusted,
      readFileSync(process.env.NODE_EXTRA_CA_CERTS ?? "", "utf8") + readFileSync(other.certFile, "utf8"),
    );
    cleanup.push(() => rmSync(other.dir, { recursive: true, force: true }));
    const { run } = await checkCertificate({ ca: other }, { NODE_EXTRA_CA_CERTS: trusted });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const statuses = rowsOf(run);
    expect(statuses).toMatchObject({ "tls-issuer": "drift", "tls-chain": "ok", "tls-name": "ok", "tls-renewal": "ok" });
  });

  it("reports a certificate for another name as drift, logs in nowhere and records nothing", async () => {
    const { run, content } = await checkCertificate({ certificateHosts: ["elsewhere.test"] });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/not trusted/);
    expect(rowsOf(run)).toMatchObject({ "tls-name": "drift", "tls-chain": "ok", "tls-issuer": "ok" });
    expect(existsSync(join(content, "observed"))).toBe(false);
  });
});
