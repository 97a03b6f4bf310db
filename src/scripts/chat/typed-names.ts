/**
 * Names the reader types into the chat: a nickname, and the room to move to.
 * Both are checked before anything is sent, so a typo gets a message in
 * Japanese instead of a stanza error from the server.
 */

/** Characters RFC 7622 forbids in the local part of a JID (and so in a room's name). */
const FORBIDDEN_IN_LOCAL = /["&'/:<>@\s\p{Cc}]/u;
const HOST_NAME =
  /^(?=.{1,253}$)[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?)*$/u;
const CONTROL = /\p{Cc}/u;

/** Long enough for any real nickname; short enough to keep the chat readable. */
export const NICKNAME_MAX_LENGTH = 32;

/** The nickname to use, or undefined when it cannot be one (empty, too long, control characters). */
export function nickname(input: string): string | undefined {
  const name = input.normalize("NFC").trim();
  if (name === "" || [...name].length > NICKNAME_MAX_LENGTH || CONTROL.test(name)) return undefined;
  return name;
}

/**
 * The bare JID of the room the reader asked for, or undefined if it cannot be
 * one. A plain name is a room of `mucService`; a full address
 * (`room@muc.example.org`) and an `xmpp:` link (`xmpp:room@muc.step.im?join`,
 * percent-encoded as RFC 5122 links are) name any room.
 */
export function roomAddress(input: string, mucService: string): string | undefined {
  let text = input.normalize("NFC").trim();
  if (/^xmpp:/i.test(text)) {
    try {
      text = decodeURIComponent(text.replace(/^xmpp:(\/\/[^/]*\/)?/i, "").replace(/\?.*$/, ""));
    } catch {
      return undefined;
    }
  }
  const at = text.lastIndexOf("@");
  const local = at === -1 ? text : text.slice(0, at);
  const domain = at === -1 ? mucService : text.slice(at + 1).toLowerCase();
  if (local === "" || [...local].length > 1023 || FORBIDDEN_IN_LOCAL.test(local)) return undefined;
  if (!HOST_NAME.test(domain)) return undefined;
  return `${local}@${domain}`;
}

/** The local part of a room's JID: what the chat shows as the room's name. */
export function roomName(room: string): string {
  return room.slice(0, room.lastIndexOf("@"));
}
