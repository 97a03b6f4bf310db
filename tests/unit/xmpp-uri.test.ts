import { describe, expect, it } from "vitest";
import { mucJoinUri, percentEncode, pubsubSubscribeUri, xmppUri } from "../../src/lib/xmpp-uri/xmpp-uri.ts";

describe("xmpp: URIs (RFC 5122, XEP-0147)", () => {
  it("percent-encodes the node of a PubSub subscribe link", () => {
    expect(pubsubSubscribeUri("pubsub.step.im", "/home/step.im/admin/wp/posts")).toBe(
      "xmpp:pubsub.step.im?pubsub;action=subscribe;node=%2Fhome%2Fstep.im%2Fadmin%2Fwp%2Fposts",
    );
  });

  it("encodes a Japanese room name as UTF-8 octets", () => {
    const uri = mucJoinUri("なんでも談話室", "muc.step.im");
    expect(uri).toBe(`xmpp:${encodeURIComponent("なんでも談話室")}@muc.step.im?join`);
    expect(decodeURIComponent(uri.slice("xmpp:".length, uri.indexOf("@")))).toBe("なんでも談話室");
  });

  it("encodes characters that would end the local part or the query", () => {
    expect(percentEncode("a@b/c?d;e=f&g#h %")).toBe("a%40b%2Fc%3Fd%3Be%3Df%26g%23h%20%25");
    expect(percentEncode("az-AZ_09.~")).toBe("az-AZ_09.~");
  });

  it("writes a plain address without a query", () => {
    expect(xmppUri({ domain: "step.im" })).toBe("xmpp:step.im");
    expect(xmppUri({ local: "admin", domain: "step.im" }, "message")).toBe("xmpp:admin@step.im?message");
  });
});
