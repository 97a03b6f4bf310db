/**
 * The text `npm run new` writes. The placeholders are recognisable on purpose:
 * `npm run check` refuses a post that is no longer a draft but still carries
 * one, so a half-written post never reaches the site or XMPP subscribers.
 */
export const PLACEHOLDER_TITLE = "（ここに題名を書きます）";
export const PLACEHOLDER_BODY = "（ここに本文を書きます。Markdown が使えます。）";

export interface NewPostFields {
  title: string | undefined;
  /** As the editor gave it (`2026-12-01` or `2026-12-01T18:00`), written unchanged. */
  date: string;
}

export function newPostText({ title, date }: NewPostFields): string {
  // JSON strings are valid YAML and keep a title with ":" or "#" intact.
  return [
    "---",
    `title: ${JSON.stringify(title ?? PLACEHOLDER_TITLE)}`,
    `date: ${date}`,
    "tags: []",
    "# description: 記事一覧やフィードに出る短い説明。省略すると本文の冒頭が使われます。",
    "# 公開するときは次の行を消すか false にします。",
    "draft: true",
    "---",
    "",
    PLACEHOLDER_BODY,
    "",
  ].join("\n");
}

export interface NewStatusFields {
  title: string | undefined;
  /** The start, as the editor gave it or as `npm run new` read the clock (`2026-12-02T14:30`). */
  date: string;
  kind: string;
  services: readonly string[];
}

/**
 * A status entry with every field filled: it has no draft stage (an outage is posted while it
 * happens), so only the title and body placeholders, which `npm run check` refuses, are left to write.
 */
export function newStatusText({ title, date, kind, services }: NewStatusFields): string {
  return [
    "---",
    `title: ${JSON.stringify(title ?? PLACEHOLDER_TITLE)}`,
    `date: ${date}`,
    `kind: ${kind}`,
    `services: [${services.join(", ")}]`,
    "# 続報を書いたら updated をその日時にします(購読者にもう一度届きます)。",
    `updated: ${date}`,
    "# 復旧・終了したら次の行の # を消し、その日時を書きます。",
    `# resolved: ${date}`,
    "# 本文には経過を、新しい報告が上になるように書き足します。",
    "---",
    "",
    `**${date.replace("T", " ")}** ${PLACEHOLDER_BODY}`,
    "",
  ].join("\n");
}
