import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { exitCodeFor, Failure } from "../../../scripts/lib/failure.ts";
import { publishTarget } from "../../../scripts/pubsub/target.ts";
import { accountFromEnv, endpointUrl, parseServiceUrl } from "../../../scripts/xmpp/config.ts";
import { orderSrvEndpoints } from "../../../scripts/xmpp/endpoints.ts";
import { connectFailure, requestFailure } from "../../../scripts/xmpp/errors.ts";
import { Secret } from "../../../scripts/xmpp/secret.ts";
import { loadServerFacts } from "../../../src/lib/server-facts/load.ts";
import { ContentError } from "../../../src/lib/validation/content-error.ts";

const facts = loadServerFacts().xmpp.pubsub;

describe("publishTarget", () => {
  it("takes service, node and cutoff from content/server.yaml", () => {
    expect(publishTarget(facts, {})).toEqual({ service: facts.service, node: facts.newsNode, since: facts.since });
  });

  it("lets PUBSUB_SERVICE, PUBSUB_NODE and PUBSUB_SINCE override them (dates read as JST)", () => {
    const target = publishTarget(facts, {
      PUBSUB_SERVICE: "pubsub.staging.test",
      PUBSUB_NODE: "news",
      PUBSUB_SINCE: "2011-06-01",
    });
    expect(target).toEqual({ service: "pubsub.staging.test", node: "news", since: new Date("2011-05-31T15:00:00Z") });
  });

  it("names the variable that is malformed", () => {
    expect(() => publishTarget(facts, { PUBSUB_SINCE: "last tuesday" })).toThrow(
      /^PUBSUB_SINCE "last tuesday" is not a date/,
    );
    expect(() => publishTarget(facts, { PUBSUB_SERVICE: "me@pubsub" })).toThrow(/^PUBSUB_SERVICE "me@pubsub"/);
    expect(() => publishTarget(facts, { PUBSUB_NODE: " " })).toThrow(/^PUBSUB_NODE is empty/);
  });
});

describe("accountFromEnv", () => {
  it("reads the JID, the password and an optional service", () => {
    const account = accountFromEnv({
      XMPP_JID: "News@Step.IM",
      XMPP_PASSWORD: "pw",
      XMPP_SERVICE: "xmpps://xmpp.step.im:443",
    });
    expect(account).toMatchObject({ bareJid: "News@step.im", local: "News", domain: "step.im", resource: undefined });
    expect(account.endpoint).toEqual({ host: "xmpp.step.im", port: 443, directTls: true });
    expect(accountFromEnv({ XMPP_JID: "a@b.c/r", XMPP_PASSWORD: "p" })).toMatchObject({
      resource: "r",
      endpoint: undefined,
    });
  });

  it("names the missing or malformed variable", () => {
    expect(() => accountFromEnv({ XMPP_PASSWORD: "p" })).toThrow(/^XMPP_JID is not set/);
    expect(() => accountFromEnv({ XMPP_JID: "step.im", XMPP_PASSWORD: "p" })).toThrow(
      /^XMPP_JID "step.im" is not an address/,
    );
    expect(() => accountFromEnv({ XMPP_JID: "a@step.im" })).toThrow(/^XMPP_PASSWORD is not set/);
    expect(() =>
      accountFromEnv({ XMPP_JID: "a@step.im", XMPP_PASSWORD: "p", XMPP_SERVICE: "https://step.im" }),
    ).toThrow(/^XMPP_SERVICE "https:\/\/step.im" has the scheme https:/);
  });

  it("keeps the password out of every printed form", () => {
    const account = accountFromEnv({ XMPP_JID: "a@step.im", XMPP_PASSWORD: "hunter2-secret" });
    for (const shown of [JSON.stringify(account), inspect(account, { depth: 5 }), String(account.password)]) {
      expect(shown).not.toContain("hunter2-secret");
    }
    expect(account.password.reveal()).toBe("hunter2-secret");
  });
});

describe("XMPP service URLs", () => {
  it("reads STARTTLS and direct TLS forms with their default ports", () => {
    expect(parseServiceUrl("xmpp://127.0.0.1", "X")).toEqual({ host: "127.0.0.1", port: 5222, directTls: false });
    expect(parseServiceUrl("xmpps://[::1]", "X")).toEqual({ host: "::1", port: 5223, directTls: true });
    expect(endpointUrl({ host: "::1", port: 5223, directTls: true })).toBe("xmpps://[::1]:5223");
  });

  it("refuses paths and credentials", () => {
    expect(() => parseServiceUrl("xmpp://u:p@host:5222", "XMPP_SERVICE")).toThrow(/only a host and a port/);
    expect(() => parseServiceUrl("xmpp://host:5222/x", "XMPP_SERVICE")).toThrow(/only a host and a port/);
  });
});

describe("orderSrvEndpoints", () => {
  const srv = (name: string, port: number, priority: number, weight = 0) => ({ name, port, priority, weight });

  it("orders by priority and weight, direct TLS first on a tie", () => {
    const endpoints = orderSrvEndpoints(
      [srv("tls.step.im.", 443, 10), srv("backup.step.im", 5223, 20)],
      [srv("xmpp.step.im", 5222, 10), srv("heavy.step.im", 5222, 5, 1), srv("light.step.im", 5222, 5, 0)],
      "step.im",
    );
    expect(endpoints.map((e) => endpointUrl(e))).toEqual([
      "xmpp://heavy.step.im:5222",
      "xmpp://light.step.im:5222",
      "xmpps://tls.step.im:443",
      "xmpp://xmpp.step.im:5222",
      "xmpps://backup.step.im:5223",
    ]);
  });

  it("falls back to the domain on port 5222 without usable records", () => {
    expect(orderSrvEndpoints([srv(".", 0, 0)], [], "step.im")).toEqual([
      { host: "step.im", port: 5222, directTls: false },
    ]);
  });
});

describe("one-line failures", () => {
  const context = {
    endpoint: { host: "127.0.0.1", port: 5222, directTls: false },
    domain: "step.im",
    bareJid: "news@step.im",
  };
  const error = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? "")), fields);

  it("tells bad credentials, untrusted and mismatched certificates and unreachable servers apart", () => {
    expect(connectFailure(error({ name: "SASLError", condition: "not-authorized" }), context)).toMatchObject({
      kind: "credentials",
      message: "login as news@step.im refused by step.im: wrong XMPP_JID or XMPP_PASSWORD",
    });
    expect(connectFailure(error({ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }), context).message).toBe(
      "the certificate served at 127.0.0.1:5222 for step.im is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); a private CA can be trusted with NODE_EXTRA_CA_CERTS",
    );
    expect(connectFailure(error({ code: "ERR_TLS_CERT_ALTNAME_INVALID" }), context).message).toBe(
      "the certificate served at 127.0.0.1:5222 is not valid for step.im",
    );
    expect(connectFailure(error({ code: "ECONNREFUSED" }), context)).toMatchObject({ kind: "unreachable" });
    expect(connectFailure(error({ name: "TimeoutError" }), context)).toMatchObject({ kind: "timeout" });
  });

  it("calls refusals of a request forbidden, naming what was asked", () => {
    const refused = requestFailure(
      error({ name: "StanzaError", condition: "forbidden", type: "auth" }),
      "publish to x",
    );
    expect(refused).toMatchObject({ kind: "forbidden", message: "publish to x: refused (forbidden)" });
    expect(requestFailure(error({ name: "StanzaError", condition: "internal-server-error" }), "y").kind).toBe("server");
  });

  it("maps failures to one exit scheme: 2 for bad input, 3 for a refused run, else the command's own code", () => {
    expect(exitCodeFor(new Failure("config", "x"))).toBe(2);
    expect(exitCodeFor(new Failure("input", "x"))).toBe(2);
    expect(exitCodeFor(new ContentError([{ file: "a.md", field: "title", message: "m" }]))).toBe(2);
    expect(exitCodeFor(new Failure("refused", "x"))).toBe(3);
    expect(exitCodeFor(new Failure("credentials", "x"))).toBe(1);
    expect(exitCodeFor(new Error("boom"))).toBe(1);
    // verify-server: 1 means drift, so a server it cannot reach is 3.
    expect(exitCodeFor(new Failure("unreachable", "x"), 3)).toBe(3);
    expect(exitCodeFor(new Failure("usage", "x"), 3)).toBe(2);
  });

  it("scrubs a password out of messages from elsewhere", () => {
    expect(new Secret("s3cret").redact("auth failed for s3cret!")).toBe("auth failed for [redacted]!");
    // A one-letter password would otherwise garble every message it appears in by chance.
    expect(new Secret("x").redact("dist/atom.xml not found")).toBe("dist/atom.xml not found");
  });
});
