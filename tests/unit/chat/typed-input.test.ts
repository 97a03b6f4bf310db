import { describe, expect, it } from "vitest";
import { accountAddress } from "../../../src/scripts/chat/account-address.ts";
import { NICKNAME_MAX_LENGTH, nickname, roomAddress, roomName } from "../../../src/scripts/chat/typed-names.ts";

describe("nickname", () => {
  it("keeps a Japanese nickname, trimmed and in NFC", () => {
    expect(nickname("  ゆき  ")).toBe("ゆき");
    expect(nickname("カ\u3099ンマ")).toBe("ガンマ");
  });

  it.each([
    ["empty", ""],
    ["blank", " \u3000 "],
    ["too long", "あ".repeat(NICKNAME_MAX_LENGTH + 1)],
    ["a control character", "tab\there"],
  ])("refuses a nickname that is %s", (_, input) => {
    expect(nickname(input)).toBeUndefined();
  });

  it("counts characters, not UTF-16 units", () => {
    expect(nickname("𠮷".repeat(NICKNAME_MAX_LENGTH))).toBe("𠮷".repeat(NICKNAME_MAX_LENGTH));
  });
});

describe("roomAddress", () => {
  const service = "muc.step.im";

  it("puts a plain room name on the public MUC service", () => {
    expect(roomAddress("雑談", service)).toBe("雑談@muc.step.im");
  });

  it("takes a full room address on any service, with the domain in lower case", () => {
    expect(roomAddress("xsf@Muc.XMPP.org", service)).toBe("xsf@muc.xmpp.org");
  });

  it("reads an xmpp: join link, percent-encoded as RFC 5122 links are", () => {
    const link = `xmpp:${encodeURIComponent("なんでも談話室")}@muc.step.im?join`;
    expect(roomAddress(link, service)).toBe("なんでも談話室@muc.step.im");
  });

  it.each([
    ["empty", ""],
    ["a space in the name", "two words"],
    ["a slash", "room/nick"],
    ["an empty name", "@muc.step.im"],
    ["a bad domain", "room@-bad-.example"],
    ["broken percent-encoding", "xmpp:%E3%81@muc.step.im?join"],
  ])("refuses %s", (_, input) => {
    expect(roomAddress(input, service)).toBeUndefined();
  });

  it("names a room by its local part", () => {
    expect(roomName("なんでも談話室@muc.step.im")).toBe("なんでも談話室");
  });
});

describe("accountAddress", () => {
  const domain = "step.im";

  it("accepts an account of this server, with or without the domain", () => {
    expect(accountAddress("alice@step.im", domain)).toEqual({ ok: true, jid: "alice@step.im" });
    expect(accountAddress(" alice ", domain)).toEqual({ ok: true, jid: "alice@step.im" });
    expect(accountAddress("alice@STEP.IM.", domain)).toEqual({ ok: true, jid: "alice@step.im" });
  });

  it("drops a resource: the web client picks its own", () => {
    expect(accountAddress("alice@step.im/phone", domain)).toEqual({ ok: true, jid: "alice@step.im" });
  });

  it("refuses an account of another server and names that server", () => {
    expect(accountAddress("bob@example.org", domain)).toEqual({
      ok: false,
      problem: "other-domain",
      domain: "example.org",
    });
    expect(accountAddress("alice@anon.step.im", domain)).toMatchObject({ ok: false, problem: "other-domain" });
  });

  it.each([
    ["empty", "", "empty"],
    ["only a domain", "@step.im", "malformed"],
    ["a space", "al ice@step.im", "malformed"],
  ])("refuses %s input", (_, input, problem) => {
    expect(accountAddress(input, domain)).toMatchObject({ ok: false, problem });
  });
});
