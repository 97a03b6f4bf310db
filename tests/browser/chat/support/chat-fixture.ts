import { createHash, X509Certificate } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { parseDocument } from "yaml";
import { launchChromium } from "../../../../scripts/harness/browser.ts";
import { buildSite, copyOfContent } from "../../../../scripts/harness/build-site.ts";
import { type ProsodyServer, startProsody } from "../../../../scripts/harness/prosody.ts";
import type { TestAccount } from "../../../../scripts/harness/xmpp-test-server.ts";
import { loadServerFacts } from "../../../../src/lib/server-facts/load.ts";
import type { ServerFacts } from "../../../../src/lib/server-facts/schema.ts";
import { nginxSnippet } from "../../../../src/lib/well-known/nginx-snippet.ts";
import { type NginxSite, serveWithNginx } from "../../../support/nginx.ts";

/** Test host names end in `.test` (RFC 2606); Chromium maps them to loopback, Node connects to 127.0.0.1. */
const DOMAIN = "step.test";

export const ACCOUNTS = {
  /** Logs in to the web client in the browser. */
  alice: { username: "alice", password: "ありすのパスワード" },
  /** The independent client in the room, outside the browser. */
  bob: { username: "bob", password: "bob-password" },
} as const satisfies Record<string, TestAccount>;

/**
 * Everything the chat's end-to-end tests run against: Prosody on loopback
 * (WebSocket over HTTPS, an anonymous host, a MUC service, two accounts), the
 * site built from a copy of content/ whose server.yaml points at it, served
 * by nginx with the production headers, and a Chromium that resolves the
 * test names to loopback and trusts exactly Prosody's certificate.
 */
export interface ChatFixture {
  prosody: ProsodyServer;
  /** The fixture's server.yaml, as the site read it. */
  facts: ServerFacts;
  siteDir: string;
  site: NginxSite;
  browser: Browser;
  close(): Promise<void>;
}

function certificateFile(prosody: ProsodyServer): string {
  return join(prosody.dir, "certs", `${prosody.domain}.crt`);
}

/**
 * Chromium checks the certificate as usual, except that this one key is
 * accepted without a known CA: it pins the test server, it does not switch
 * verification off.
 */
function chromiumFlags(prosody: ProsodyServer): string[] {
  const key = new X509Certificate(readFileSync(certificateFile(prosody))).publicKey.export({
    type: "spki",
    format: "der",
  });
  const spkiHash = createHash("sha256").update(key).digest("base64");
  return [`--host-resolver-rules=MAP *.test 127.0.0.1`, `--ignore-certificate-errors-spki-list=${spkiHash}`];
}

/** A copy of content/ whose server.yaml names the test server; everything else stays as editors wrote it. */
function fixtureContent(prosody: ProsodyServer): string {
  const dir = copyOfContent();
  const file = join(dir, "server.yaml");
  const document = parseDocument(readFileSync(file, "utf8"));
  const { muc, anonymous } = prosody.hosts;
  if (!muc || !anonymous) throw new Error("the chat fixture needs Prosody's MUC and anonymous hosts");
  document.setIn(["xmpp", "domain"], prosody.domain);
  document.setIn(["xmpp", "muc", "service"], muc);
  document.setIn(["xmpp", "anonymousHost"], anonymous);
  document.setIn(["xmpp", "websocketUrl"], `wss://${prosody.domain}:${prosody.ports.https}/xmpp-websocket`);
  writeFileSync(file, document.toString());
  return dir;
}

export async function startChatFixture(): Promise<ChatFixture> {
  const parts: { prosody?: ProsodyServer; content?: string; siteDir?: string; site?: NginxSite; browser?: Browser } =
    {};
  const close = async () => {
    await parts.browser?.close();
    await parts.site?.close();
    await parts.prosody?.dispose();
    for (const dir of [parts.content, parts.siteDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    parts.prosody = await startProsody({
      domain: DOMAIN,
      muc: {},
      anonymousHost: `anon.${DOMAIN}`,
      http: { modules: ["websocket"] },
      accounts: Object.values(ACCOUNTS),
    });
    parts.content = fixtureContent(parts.prosody);
    const facts = loadServerFacts(join(parts.content, "server.yaml"));
    parts.siteDir = await buildSite(parts.content);
    const snippet = join(parts.content, "nginx.conf");
    writeFileSync(snippet, nginxSnippet(facts));
    parts.site = await serveWithNginx(parts.siteDir, snippet);
    parts.browser = await launchChromium(chromiumFlags(parts.prosody));
    return { prosody: parts.prosody, facts, siteDir: parts.siteDir, site: parts.site, browser: parts.browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
