import { element } from "./dom.ts";
import type { RoomListing, RoomMessage } from "./muc-stanzas.ts";
import { TAB_TEXT } from "./tab-text.ts";
import { NICKNAME_MAX_LENGTH } from "./typed-names.ts";

/** Old lines are dropped beyond this, so a tab left open all day stays light. */
const LOG_LIMIT = 500;

const TIME = new Intl.DateTimeFormat("ja-JP", { hour: "2-digit", minute: "2-digit" });

/** The chat tab's panel: what the reader sees and types into. It knows nothing of XMPP. */
export interface TabPanel {
  root: HTMLElement;
  closeButton: HTMLButtonElement;
  nickForm: HTMLFormElement;
  nickInput: HTMLInputElement;
  sendForm: HTMLFormElement;
  messageInput: HTMLInputElement;
  roomForm: HTMLFormElement;
  roomInput: HTMLInputElement;
}

const ids = {
  title: "chat-tab-title",
  status: "chat-tab-status",
  nick: "chat-tab-nick",
  message: "chat-tab-message",
  room: "chat-tab-room",
  rooms: "chat-tab-rooms",
};

/**
 * A form that Enter confirming a Japanese IME conversion does not send
 * (Safari reports that Enter, after the composition has ended, only by
 * keyCode 229).
 */
function form(className: string, ...controls: Node[]): HTMLFormElement {
  const created = element("form", { class: className }, ...controls);
  created.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.isComposing || event.keyCode === 229)) event.preventDefault();
  });
  return created;
}

export function buildTabPanel(roomTitle: string): TabPanel {
  const closeButton = element(
    "button",
    { type: "button", class: "chat-panel__close", "aria-label": TAB_TEXT.closeLabel },
    TAB_TEXT.close,
  );
  const nickInput = element("input", {
    id: ids.nick,
    name: "nick",
    required: true,
    maxlength: String(NICKNAME_MAX_LENGTH),
    autocomplete: "nickname",
    "aria-describedby": ids.status,
  });
  const messageInput = element("input", { id: ids.message, name: "message", required: true, autocomplete: "off" });
  const roomInput = element("input", {
    id: ids.room,
    name: "room",
    required: true,
    list: ids.rooms,
    autocomplete: "off",
    placeholder: TAB_TEXT.moveRoomHint,
  });
  const nickForm = form(
    "chat-panel__nick",
    element("p", {}, TAB_TEXT.intro(roomTitle)),
    element("label", { for: ids.nick }, TAB_TEXT.nickname),
    element("div", { class: "chat-panel__row" }, nickInput, element("button", { type: "submit" }, TAB_TEXT.enter)),
  );
  const sendForm = form(
    "chat-panel__send",
    element("label", { for: ids.message, class: "sr-only" }, TAB_TEXT.message),
    element("div", { class: "chat-panel__row" }, messageInput, element("button", { type: "submit" }, TAB_TEXT.send)),
  );
  const roomForm = form(
    "chat-panel__rooms",
    element("label", { for: ids.room }, TAB_TEXT.moveRoom),
    element("div", { class: "chat-panel__row" }, roomInput, element("button", { type: "submit" }, TAB_TEXT.move)),
    element("datalist", { id: ids.rooms }),
  );
  const root = element(
    "section",
    { class: "chat-panel", "aria-labelledby": ids.title },
    element(
      "header",
      { class: "chat-panel__header" },
      element("h2", { id: ids.title }, `${TAB_TEXT.title}: `, element("span", { "data-room-title": true }, roomTitle)),
      closeButton,
    ),
    element("p", { id: ids.status, class: "chat-panel__status", role: "status" }),
    nickForm,
    // A scrolling region the keyboard can reach, read out as lines arrive; the lines themselves are a list.
    element(
      "div",
      { class: "chat-panel__log", "aria-label": TAB_TEXT.log, role: "log", tabindex: "0", hidden: true },
      element("ol"),
    ),
    sendForm,
    roomForm,
  );
  sendForm.hidden = true;
  roomForm.hidden = true;
  return { root, closeButton, nickForm, nickInput, sendForm, messageInput, roomForm, roomInput };
}

function part<T extends HTMLElement>(panel: TabPanel, selector: string): T {
  const found = panel.root.querySelector<T>(selector);
  if (!found) throw new Error(`chat panel: no ${selector}`);
  return found;
}

const log = (panel: TabPanel) => part(panel, "[role=log]");
const lines = (panel: TabPanel) => part<HTMLOListElement>(panel, "[role=log] ol");

/** Says how things stand; an error also marks `field` invalid and hands it the focus. */
export function showStatus(panel: TabPanel, text: string, field?: HTMLInputElement): void {
  const status = part(panel, "[role=status]");
  status.textContent = text;
  status.classList.toggle("chat-panel__status--error", field !== undefined);
  for (const input of [panel.nickInput, panel.messageInput, panel.roomInput]) input.removeAttribute("aria-invalid");
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

/** From the nickname step to the conversation of `room`. */
export function showConversation(panel: TabPanel, roomTitle: string): void {
  part(panel, "[data-room-title]").textContent = roomTitle;
  lines(panel).replaceChildren();
  log(panel).hidden = false;
  panel.nickForm.hidden = true;
  panel.sendForm.hidden = false;
  panel.roomForm.hidden = false;
}

export function offerRooms(panel: TabPanel, rooms: readonly RoomListing[]): void {
  part(panel, "datalist").replaceChildren(...rooms.map((room) => element("option", { value: room.jid }, room.name)));
}

function appendLine(panel: TabPanel, line: HTMLLIElement): void {
  const region = log(panel);
  const list = lines(panel);
  const atBottom = region.scrollHeight - region.scrollTop - region.clientHeight < 40;
  list.append(line);
  while (list.childElementCount > LOG_LIMIT) list.firstElementChild?.remove();
  if (atBottom) region.scrollTop = region.scrollHeight;
}

export function appendMessage(panel: TabPanel, message: RoomMessage, ownNick: string): void {
  const sentAt = message.sentAt ?? new Date();
  appendLine(
    panel,
    element(
      "li",
      { class: message.nick === ownNick ? "chat-line chat-line--own" : "chat-line" },
      element("time", { datetime: sentAt.toISOString() }, TIME.format(sentAt)),
      " ",
      element("b", { class: "chat-line__nick" }, message.nick),
      " ",
      element("span", { class: "chat-line__text" }, message.text),
    ),
  );
}

export function appendNotice(panel: TabPanel, text: string): void {
  appendLine(panel, element("li", { class: "chat-line chat-line--notice" }, text));
}
