import { rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProsodyServer, startProsody } from "../../../scripts/harness/prosody.ts";
import type { CliResult } from "../../../scripts/harness/pubsub/run-cli.ts";
import { PUBLISHER, type PubsubWorld, prosodyWorld } from "../../../scripts/harness/pubsub/world.ts";
import { createTestCa } from "../../../scripts/harness/test-ca.ts";

/**
 * Every way a run can fail ends the same way: a non-zero exit, one line on
 * stderr that says what to fix, no password anywhere, and no hanging.
 */
let world: PubsubWorld<ProsodyServer>;
let mismatched: ProsodyServer;
let site: string;
const otherCa = createTestCa("someone else's CA");

beforeAll(async () => {
  [world, mismatched] = await Promise.all([
    prosodyWorld({ admins: [PUBLISHER], directTls: true }),
    startProsody({ accounts: [PUBLISHER], pubsub: {}, certificateHosts: ["xmpp.elsewhere.test"] }),
  ]);
  site = world.build([world.post("one", 1)]);
});

afterAll(async () => {
  await Promise.all([world?.dispose(), mismatched?.dispose()]);
  rmSync(otherCa.dir, { recursive: true, force: true });
});

/** The run failed with exactly this one line (a RegExp for the part after "pubsub: error: ") and this exit status. */
function expectOneLineFailure(result: CliResult, exit: number, line: RegExp) {
  expect(result.exit).toBe(exit);
  const lines = result.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]?.replace(/^pubsub: error: /, "")).toMatch(line);
  for (const text of [result.stdout, result.stderr]) expect(text).not.toContain(PUBLISHER.password);
}

describe("credentials and certificates", () => {
  it("reports a wrong password without showing it", async () => {
    const result = await world.run(site, "news", [], { XMPP_PASSWORD: "wrong-pw-Yy77" });
    expectOneLineFailure(result, 1, /^login as news@step.test refused by step.test: wrong XMPP_JID or XMPP_PASSWORD$/);
    expect(result.stdout + result.stderr).not.toContain("wrong-pw-Yy77");
  });

  it("keeps the password out of --json output too", async () => {
    const result = await world.run(site, "news", ["--json"], { XMPP_PASSWORD: "wrong-pw-Yy77" });
    expect(JSON.parse(result.stdout).error).toEqual({
      kind: "credentials",
      message: "login as news@step.test refused by step.test: wrong XMPP_JID or XMPP_PASSWORD",
    });
    expect(result.stdout + result.stderr).not.toContain("wrong-pw-Yy77");
  });

  it("refuses a certificate from a CA it does not trust, naming the host", async () => {
    const withoutCa = await world.run(site, "news", [], { NODE_EXTRA_CA_CERTS: undefined });
    expectOneLineFailure(withoutCa, 1, /^the certificate served at 127.0.0.1:\d+ for step.test is not trusted \(\w+\)/);
    const otherCaResult = await world.run(site, "news", [], { NODE_EXTRA_CA_CERTS: otherCa.certFile });
    expectOneLineFailure(otherCaResult, 1, /for step.test is not trusted/);
  });

  it("refuses a trusted certificate made out to another name", async () => {
    const result = await world.run(site, "news", [], { XMPP_SERVICE: mismatched.service });
    expectOneLineFailure(result, 1, /^the certificate served at 127.0.0.1:\d+ is not valid for step.test$/);
  });

  it("checks the domain on direct TLS too, where it connects to an address", async () => {
    const direct = world.server.directTlsService ?? "";
    expect(direct).toMatch(/^xmpps:\/\/127.0.0.1:\d+$/);
    const trusted = await world.run(site, "news", ["--dry-run"], { XMPP_SERVICE: direct });
    expect(trusted.stderr).toBe("");
    expect(trusted.exit).toBe(0);
    const untrusted = await world.run(site, "news", [], {
      XMPP_SERVICE: direct,
      NODE_EXTRA_CA_CERTS: otherCa.certFile,
    });
    expectOneLineFailure(untrusted, 1, /for step.test is not trusted/);
  });
});

describe("servers that are not there", () => {
  it("gives up on a refused connection after a few tries", async () => {
    const result = await world.run(site, "news", [], { XMPP_SERVICE: "xmpp://127.0.0.1:9" });
    expectOneLineFailure(result, 1, /^cannot reach the XMPP server for step.test at 127.0.0.1:9 \(ECONNREFUSED\)$/);
  });

  it("stops at the time limit when a server accepts the connection and never answers", async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const started = Date.now();
      const result = await world.run(site, "news", ["--timeout", "4"], { XMPP_SERVICE: `xmpp://127.0.0.1:${port}` });
      expect(Date.now() - started).toBeLessThan(12_000);
      expectOneLineFailure(result, 1, /time limit|did not answer in time/);
    } finally {
      silent.close();
    }
  });
});

describe("bad configuration and bad builds", () => {
  it.each([
    [{ XMPP_JID: undefined }, /^XMPP_JID is not set/],
    [{ XMPP_JID: "not-an-address" }, /^XMPP_JID "not-an-address" is not an address/],
    [{ XMPP_PASSWORD: undefined }, /^XMPP_PASSWORD is not set/],
    [{ XMPP_SERVICE: "https://step.test" }, /^XMPP_SERVICE "https:\/\/step.test" has the scheme https:/],
    [{ PUBSUB_SINCE: "someday" }, /^PUBSUB_SINCE "someday" is not a date/],
  ])("refuses %o with exit status 2", async (env, line) => {
    expectOneLineFailure(await world.run(site, "news", [], env), 2, line);
  });

  it("refuses unknown flags", async () => {
    expectOneLineFailure(
      await world.run(site, "news", ["--publish-everything"]),
      2,
      /Unknown option '--publish-everything'/,
    );
  });

  it("says to build first when the site is missing or stale", async () => {
    const missing = await world.run(join(site, "nothing-here"), "news");
    expectOneLineFailure(
      missing,
      2,
      /nothing-here\/build-info\.json not found: the build is missing or did not finish; run npm run build first$/,
    );
    const content = world.env("news").STEP_CONTENT_DIR ?? "";
    const extra = join(content, "news", "edited-after-build.md");
    writeFileSync(extra, "---\ntitle: x\n---\n");
    try {
      const stale = await world.run(site, "news");
      expectOneLineFailure(stale, 2, /is stale: .* changed after the build of .*; run npm run build first$/);
    } finally {
      rmSync(extra);
    }
  });
});
