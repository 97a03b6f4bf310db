import type { ChatConfig } from "../../chat/chat-config.ts";

const FIELDS = [
  "websocketUrl",
  "domain",
  "anonymousHost",
  "mucService",
  "publicRoom",
  "publicRoomName",
] as const satisfies readonly (keyof ChatConfig)[];

/** The chat settings the page wrote into the nearest `data-chat-config` (see src/chat/chat-config.ts). */
export function readChatConfig(element: HTMLElement): ChatConfig {
  const source = element.closest<HTMLElement>("[data-chat-config]")?.dataset.chatConfig;
  const parsed: unknown = JSON.parse(source ?? "null");
  const record = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const missing = FIELDS.filter((field) => typeof record[field] !== "string" || record[field] === "");
  if (missing.length > 0) throw new Error(`data-chat-config lacks ${missing.join(", ")}`);
  return record as unknown as ChatConfig;
}
