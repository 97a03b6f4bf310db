import { formatJstDate } from "../dates/jst.ts";
import type { ServerFacts } from "./schema.ts";

/**
 * A fact by its dotted name in `content/server.yaml`, e.g.
 * `xmpp.ircGateway.host`, formatted for a Japanese page. Guides use it through
 * the <Fact> component, so no page retypes a host name or a number.
 */
export function factText(facts: ServerFacts, name: string): string {
  let value: unknown = facts;
  for (const key of name.split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (value instanceof Date) return formatJstDate(value);
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "有効" : "無効";
  throw new Error(
    `content/server.yaml に「${name}」という項目はありません (no server fact named "${name}"; use a dotted path to a text or number value)`,
  );
}
