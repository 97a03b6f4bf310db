import { type Element, Parser } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import {
  groupchatMessage,
  HISTORY_ON_JOIN,
  instantRoomConfig,
  joinPresence,
  leavePresence,
  readGroupchat,
  readRoomList,
  readSelfPresence,
  sameRoom,
} from "../../../src/scripts/chat/muc-stanzas.ts";

/** Parses stanza text the way it arrives from a server. */
function stanza(text: string): Element {
  const parser = new Parser();
  let parsed: Element | undefined;
  parser.on("element", (element: Element) => {
    parsed = element;
  });
  parser.write(`<stream xmlns="jabber:client">${text}`);
  if (!parsed) throw new Error(`not a stanza: ${text}`);
  return parsed;
}

const ROOM = "なんでも談話室@muc.step.im";

describe("stanzas the chat tab sends", () => {
  it("joins a room as an occupant, asking for a short history", () => {
    const presence = joinPresence(ROOM, "ゆき");
    expect(presence.attrs.to).toBe(`${ROOM}/ゆき`);
    expect(presence.attrs.type).toBeUndefined();
    const history = presence.getChild("x", "http://jabber.org/protocol/muc")?.getChild("history");
    expect(history?.attrs.maxstanzas).toBe(String(HISTORY_ON_JOIN));
  });

  it("leaves with an unavailable presence to the occupant JID", () => {
    expect(leavePresence(ROOM, "ゆき").toString()).toBe(`<presence to="${ROOM}/ゆき" type="unavailable"/>`);
  });

  it("sends text as a groupchat body, escaped as XML", () => {
    const message = groupchatMessage(ROOM, "<b>&こんにちは</b>", "id-1");
    expect(message.attrs).toEqual({ to: ROOM, type: "groupchat", id: "id-1" });
    expect(message.getChildText("body")).toBe("<b>&こんにちは</b>");
    expect(message.toString()).toContain("&lt;b&gt;&amp;こんにちは&lt;/b&gt;");
  });

  it("accepts a new room's default configuration with an empty submitted form", () => {
    const iq = instantRoomConfig(ROOM);
    expect(iq.attrs).toMatchObject({ to: ROOM, type: "set" });
    const form = iq.getChild("query", "http://jabber.org/protocol/muc#owner")?.getChild("x", "jabber:x:data");
    expect(form?.attrs.type).toBe("submit");
    expect(form?.children).toEqual([]);
  });
});

describe("reading what rooms send", () => {
  it("reads a message as it arrives, and history with its original time", () => {
    expect(readGroupchat(stanza(`<message type="groupchat" from="${ROOM}/bob"><body>やあ</body></message>`))).toEqual({
      kind: "message",
      room: ROOM,
      nick: "bob",
      text: "やあ",
      sentAt: undefined,
    });
    const old = readGroupchat(
      stanza(
        `<message type="groupchat" from="${ROOM}/bob"><body>昨日</body><delay xmlns="urn:xmpp:delay" stamp="2026-11-26T03:00:00Z"/></message>`,
      ),
    );
    expect(old).toMatchObject({ kind: "message", sentAt: new Date("2026-11-26T03:00:00Z") });
  });

  it("reads the subject, and ignores chat messages, bodiless messages and messages from the room itself", () => {
    expect(
      readGroupchat(stanza(`<message type="groupchat" from="${ROOM}/bob"><subject>雑談</subject></message>`)),
    ).toEqual({ kind: "subject", room: ROOM, text: "雑談" });
    expect(readGroupchat(stanza(`<message type="chat" from="${ROOM}/bob"><body>DM</body></message>`))).toBeUndefined();
    expect(readGroupchat(stanza(`<message type="groupchat" from="${ROOM}/bob"><active/></message>`))).toBeUndefined();
    expect(
      readGroupchat(stanza(`<message type="groupchat" from="${ROOM}"><body>notice</body></message>`)),
    ).toBeUndefined();
  });

  const self = (attributes: string, codes: string[], extra = "") =>
    stanza(
      `<presence from="${ROOM}/ゆき" ${attributes}><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="participant"/>${codes.map((code) => `<status code="${code}"/>`).join("")}${extra}</x></presence>`,
    );

  it("recognises its own presence (status 110), with the nick the room gave and whether it created the room", () => {
    expect(readSelfPresence(self("", ["110"]))).toEqual({ kind: "joined", room: ROOM, nick: "ゆき", created: false });
    expect(readSelfPresence(self("", ["110", "201"]))).toMatchObject({ kind: "joined", created: true });
  });

  it("ignores other occupants' presence", () => {
    expect(readSelfPresence(self("", []))).toBeUndefined();
  });

  it("tells why the room put it out", () => {
    expect(readSelfPresence(self('type="unavailable"', ["110", "307"]))).toMatchObject({
      kind: "left",
      reason: "kicked",
    });
    expect(readSelfPresence(self('type="unavailable"', ["110", "301"]))).toMatchObject({
      kind: "left",
      reason: "banned",
    });
    expect(readSelfPresence(self('type="unavailable"', ["110"], "<destroy/>"))).toMatchObject({ reason: "closed" });
    expect(readSelfPresence(self('type="unavailable"', ["110"]))).toMatchObject({ reason: "left" });
  });

  it("reads the condition of a refused join", () => {
    const refused = stanza(
      `<presence type="error" from="${ROOM}/ゆき"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`,
    );
    expect(readSelfPresence(refused)).toEqual({ kind: "refused", room: ROOM, condition: "conflict" });
  });

  it("lists public rooms by name in Japanese order, naming unnamed ones by their JID", () => {
    const result = stanza(
      `<iq type="result"><query xmlns="http://jabber.org/protocol/disco#items"><item jid="b@muc.step.im" name="らくがき"/><item jid="a@muc.step.im" name="あいさつ"/><item jid="plain@muc.step.im"/><item jid="muc.step.im"/></query></iq>`,
    );
    expect(readRoomList(result)).toEqual([
      { jid: "plain@muc.step.im", name: "plain" },
      { jid: "a@muc.step.im", name: "あいさつ" },
      { jid: "b@muc.step.im", name: "らくがき" },
    ]);
  });

  it("compares room JIDs without regard to case or resource", () => {
    expect(sameRoom("Room@MUC.step.im/nick", "room@muc.step.im")).toBe(true);
    expect(sameRoom("room@muc.step.im", "other@muc.step.im")).toBe(false);
  });
});
