import type { ChatConfig } from "../../chat/chat-config.ts";
import { addStylesheet } from "../stylesheet.ts";
import styleUrl from "./chat-tab.css?url";
import { type AnonymousChatSession, connectAnonymously, JoinRefused, type SessionEvents } from "./muc-session.ts";
import { readChatConfig } from "./read-config.ts";
import {
  appendMessage,
  appendNotice,
  buildTabPanel,
  offerRooms,
  showConversation,
  showStatus,
  type TabPanel,
} from "./tab-panel.ts";
import { TAB_TEXT } from "./tab-text.ts";
import { nickname, roomAddress, roomName } from "./typed-names.ts";

/**
 * The 「チャット」 tab, the successor of Jappix Mini: the shared loader
 * imports this module on the first click. Nothing connects before the reader
 * has chosen a nickname; closing leaves the room and ends the connection.
 */
class OpenChatTab {
  readonly #trigger: HTMLElement;
  readonly #config: ChatConfig;
  readonly #panel: TabPanel;
  readonly #onClosed: () => void;
  #session: AnonymousChatSession | undefined;
  #nick = "";
  #busy = false;

  constructor(trigger: HTMLElement, config: ChatConfig, onClosed: () => void) {
    this.#trigger = trigger;
    this.#config = config;
    this.#onClosed = onClosed;
    this.#panel = buildTabPanel(config.publicRoomName);
    const panel = this.#panel;
    panel.closeButton.addEventListener("click", () => void this.close());
    panel.nickForm.addEventListener("submit", (event) => this.#onSubmit(event, () => this.#enter()));
    panel.sendForm.addEventListener("submit", (event) => this.#onSubmit(event, () => this.#send()));
    panel.roomForm.addEventListener("submit", (event) => this.#onSubmit(event, () => this.#moveRoom()));
    trigger.after(panel.root);
    trigger.hidden = true;
    trigger.setAttribute("aria-expanded", "true");
    panel.nickInput.focus();
  }

  focus(): void {
    const { nickForm, nickInput, messageInput } = this.#panel;
    (nickForm.hidden ? messageInput : nickInput).focus();
  }

  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    this.#panel.root.remove();
    this.#trigger.hidden = false;
    this.#trigger.setAttribute("aria-expanded", "false");
    this.#trigger.focus();
    this.#onClosed();
    await session?.close();
  }

  /** One request at a time; the fields stay enabled, so the focus never drops out of the panel. */
  #onSubmit(event: SubmitEvent, work: () => Promise<void>): void {
    event.preventDefault();
    if (this.#busy) return;
    this.#busy = true;
    void work().finally(() => {
      this.#busy = false;
    });
  }

  async #enter(): Promise<void> {
    const { nickInput } = this.#panel;
    const nick = nickname(nickInput.value);
    if (!nick) return showStatus(this.#panel, TAB_TEXT.badNickname, nickInput);
    const room = `${this.#config.publicRoom}@${this.#config.mucService}`;
    if (!(await this.#connect())) return;
    if (await this.#join(room, nick, nickInput)) {
      this.#panel.messageInput.focus();
      void this.#offerRooms();
    }
  }

  async #send(): Promise<void> {
    const { messageInput } = this.#panel;
    const text = messageInput.value.trim();
    if (text === "" || !this.#session?.place) return;
    await this.#session.send(text);
    messageInput.value = "";
    messageInput.focus();
  }

  async #moveRoom(): Promise<void> {
    const { roomInput } = this.#panel;
    const room = roomAddress(roomInput.value, this.#config.mucService);
    if (!room) return showStatus(this.#panel, TAB_TEXT.badRoom, roomInput);
    if (await this.#join(room, this.#nick, roomInput)) {
      roomInput.value = "";
      this.#panel.messageInput.focus();
    }
  }

  async #connect(): Promise<boolean> {
    if (this.#session) return true;
    showStatus(this.#panel, TAB_TEXT.connecting);
    try {
      this.#session = await connectAnonymously(this.#config, this.#sessionEvents());
      return true;
    } catch (error) {
      console.error(error);
      showStatus(this.#panel, TAB_TEXT.cannotConnect, this.#panel.nickInput);
      return false;
    }
  }

  /** Joins `room`; on refusal, says why and hands `field` back to the reader. */
  async #join(room: string, nick: string, field: HTMLInputElement): Promise<boolean> {
    const session = this.#session;
    if (!session) return false;
    showStatus(this.#panel, TAB_TEXT.joining(roomName(room)));
    try {
      this.#nick = await session.join(room, nick);
    } catch (error) {
      const condition = error instanceof JoinRefused ? error.condition : "";
      showStatus(this.#panel, TAB_TEXT.joinRefused[condition] ?? TAB_TEXT.joinRefusedOther, field);
      return false;
    }
    showConversation(this.#panel, roomName(room));
    showStatus(this.#panel, TAB_TEXT.joined(roomName(room), this.#nick));
    return true;
  }

  async #offerRooms(): Promise<void> {
    try {
      offerRooms(this.#panel, (await this.#session?.listRooms(this.#config.mucService)) ?? []);
    } catch {
      // Suggestions only: typing a room's name still works.
    }
  }

  #sessionEvents(): SessionEvents {
    const panel = this.#panel;
    return {
      message: (message) => {
        if (message.kind === "subject") appendNotice(panel, TAB_TEXT.subject(message.text));
        else appendMessage(panel, message, this.#nick);
      },
      removed: (reason) => {
        showStatus(panel, TAB_TEXT.removed[reason]);
        panel.sendForm.hidden = true;
      },
      disconnected: () => {
        this.#session = undefined;
        showStatus(panel, TAB_TEXT.disconnected);
        panel.sendForm.hidden = true;
        panel.roomForm.hidden = true;
      },
    };
  }
}

let openTab: OpenChatTab | undefined;

/** Called by the shared loader for every click on the 「チャット」 tab. */
export async function activate(trigger: HTMLElement): Promise<void> {
  if (openTab) return openTab.focus();
  const config = readChatConfig(trigger);
  await addStylesheet(styleUrl);
  openTab = new OpenChatTab(trigger, config, () => {
    openTab = undefined;
  });
}
