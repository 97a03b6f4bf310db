import { type Client, client } from "@xmpp/client";
import type { Element } from "@xmpp/xml";
import type { ChatConfig } from "../../chat/chat-config.ts";
import {
  groupchatMessage,
  instantRoomConfig,
  joinPresence,
  leavePresence,
  type RoomListing,
  type RoomMessage,
  type RoomSubject,
  readGroupchat,
  readRoomList,
  readSelfPresence,
  roomListRequest,
  type SelfPresence,
  sameRoom,
} from "./muc-stanzas.ts";

const CONNECT_TIMEOUT_MS = 20_000;
const ANSWER_TIMEOUT_MS = 15_000;
const CLOSE_TIMEOUT_MS = 5_000;

/** The room said no (a stanza error condition such as `conflict`), or did not answer (`timeout`). */
export class JoinRefused extends Error {
  readonly condition: string;

  constructor(room: string, condition: string) {
    super(`joining ${room} failed: ${condition}`);
    this.name = "JoinRefused";
    this.condition = condition;
  }
}

export interface SessionEvents {
  /** A message or subject of the room the session is in. */
  message(message: RoomMessage | RoomSubject): void;
  /** The room put this session out (kicked, banned, room closed). */
  removed(reason: Extract<SelfPresence, { kind: "left" }>["reason"]): void;
  /** The connection was lost (not closed by `close()`). */
  disconnected(): void;
}

interface Place {
  room: string;
  nick: string;
}

async function timeout<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An anonymous login (SASL ANONYMOUS on the anonymous host, over the
 * server's WebSocket endpoint) that sits in one room at a time, the way the
 * old Jappix Mini did. Every wait is bounded, so the tab never hangs.
 */
export class AnonymousChatSession {
  readonly #xmpp: Client;
  readonly #events: SessionEvents;
  #place: Place | undefined;
  #pendingJoin: { room: string; settle(presence: SelfPresence): void } | undefined;
  #closing = false;

  constructor(xmpp: Client, events: SessionEvents) {
    this.#xmpp = xmpp;
    this.#events = events;
    xmpp.on("stanza", (stanza) => this.#receive(stanza));
    xmpp.on("disconnect", () => {
      if (!this.#closing) this.#events.disconnected();
    });
  }

  /** The room the session is in, if any. */
  get place(): Place | undefined {
    return this.#place;
  }

  /**
   * Enters `room` as `nick` and leaves the room it was in before, so that
   * switching rooms never leaves the reader in none. Resolves with the nick the
   * room gave (a room may change it); rejects with JoinRefused.
   */
  async join(room: string, nick: string): Promise<string> {
    if (this.#pendingJoin) throw new Error("another room is being joined");
    const previous = this.#place;
    const answer = new Promise<SelfPresence>((settle) => {
      this.#pendingJoin = { room, settle };
    });
    try {
      await this.#xmpp.send(joinPresence(room, nick));
      const presence = await timeout(answer, ANSWER_TIMEOUT_MS, () => new JoinRefused(room, "timeout"));
      if (presence.kind !== "joined") {
        throw new JoinRefused(room, presence.kind === "refused" ? presence.condition : "undefined-condition");
      }
      // The reader's own new room: Prosody keeps it locked until its owner accepts a configuration.
      if (presence.created) await this.#xmpp.iqCaller.request(instantRoomConfig(room), ANSWER_TIMEOUT_MS);
      if (previous && !sameRoom(previous.room, room))
        await this.#xmpp.send(leavePresence(previous.room, previous.nick));
      return presence.nick;
    } finally {
      this.#pendingJoin = undefined;
    }
  }

  async send(text: string): Promise<void> {
    if (!this.#place) throw new Error("not in a room");
    await this.#xmpp.send(groupchatMessage(this.#place.room, text, crypto.randomUUID()));
  }

  /** The rooms `service` lists publicly (disco#items). */
  async listRooms(service: string): Promise<RoomListing[]> {
    return readRoomList(await this.#xmpp.iqCaller.request(roomListRequest(service), ANSWER_TIMEOUT_MS));
  }

  /** Leaves the room and ends the stream politely; never throws, never waits long. */
  async close(): Promise<void> {
    this.#closing = true;
    const place = this.#place;
    this.#place = undefined;
    try {
      if (place) await this.#xmpp.send(leavePresence(place.room, place.nick));
      await timeout(this.#xmpp.stop(), CLOSE_TIMEOUT_MS, () => new Error("the stream did not close in time"));
    } catch {
      // The socket is gone either way: the server ends the session when it notices.
    }
  }

  #receive(stanza: Element): void {
    const self = readSelfPresence(stanza);
    if (self) {
      this.#receiveSelfPresence(self);
      return;
    }
    const message = readGroupchat(stanza);
    if (message && this.#place && sameRoom(message.room, this.#place.room)) this.#events.message(message);
  }

  #receiveSelfPresence(presence: SelfPresence): void {
    const pending = this.#pendingJoin;
    if (pending && sameRoom(pending.room, presence.room)) {
      // Set before the room's history arrives, which follows this presence at once.
      if (presence.kind === "joined") this.#place = { room: pending.room, nick: presence.nick };
      pending.settle(presence);
    } else if (presence.kind === "left" && this.#place && sameRoom(presence.room, this.#place.room)) {
      this.#place = undefined;
      this.#events.removed(presence.reason);
    }
  }
}

/** Logs in anonymously; rejects if the server cannot be reached or does not answer in time. */
export async function connectAnonymously(config: ChatConfig, events: SessionEvents): Promise<AnonymousChatSession> {
  const xmpp = client({ service: config.websocketUrl, domain: config.anonymousHost });
  // Coming back silently after a lost connection would mean a new anonymous
  // identity outside the room: the reader is told instead, and may reopen.
  xmpp.reconnect.stop();
  // Failures reach the caller through start() or the "disconnect" event.
  xmpp.on("error", () => {});
  const session = new AnonymousChatSession(xmpp, events);
  try {
    await timeout(xmpp.start(), CONNECT_TIMEOUT_MS, () => new Error(`no answer from ${config.websocketUrl}`));
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}
