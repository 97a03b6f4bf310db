import { existsSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { COLLECTIONS } from "../src/lib/collections/registry.ts";
import { collectionDir } from "../src/lib/content-dir.ts";
import { parseJstDateTime, toJstDateString, toJstIsoString } from "../src/lib/dates/jst.ts";
import { shownPath } from "../src/lib/files/shown-path.ts";
import { expectedEntryPath, SLUG_PATTERN } from "../src/lib/news/post-path.ts";
import { loadServerFacts, serverFactsFile } from "../src/lib/server-facts/load.ts";
import { STATUS_KINDS } from "../src/lib/status/frontmatter.ts";
import { ContentError } from "../src/lib/validation/content-error.ts";
import { newPostText, newStatusText } from "./lib/post-template.ts";

/**
 * `npm run new -- <slug> [タイトル]`: starts a news post for today (Japan time)
 * as a draft, so committing it early publishes nothing. `--date` starts a
 * post for another day (a scheduled post); `--mdx` makes an MDX file.
 * `--kind 障害|メンテナンス --services a,b` starts a status entry instead, from now (to the minute).
 */
const USAGE = `使い方 (usage): npm run new -- <スラッグ> [タイトル] [--date YYYY-MM-DD] [--mdx]
  例: npm run new -- new-server 新しいサーバーに移行しました
  障害情報: npm run new -- <スラッグ> <タイトル> --kind ${STATUS_KINDS.join("|")} --services c2s,muc [--date YYYY-MM-DDTHH:MM]
  例: npm run new -- c2s-down クライアントから接続できません --kind 障害 --services c2s
  スラッグは URL の一部です: 半角の英小文字・数字・ハイフンだけ (例: new-server)。`;

function fail(message: string, hint?: string): never {
  console.error(`エラー: ${message}`);
  if (hint) console.error(`  → ${hint}`);
  process.exit(1);
}

/** A slug that could be meant, for the hint: lower case, other characters as hyphens. */
function suggestedSlug(slug: string): string | undefined {
  const guess = slug
    .toLowerCase()
    .replace(/\.mdx?$/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return guess && guess !== slug && SLUG_PATTERN.test(guess) ? guess : undefined;
}

function checkedSlug(slug: string | undefined): string {
  if (!slug) fail("スラッグがありません (slug is missing)", USAGE);
  if (SLUG_PATTERN.test(slug)) return slug;
  const guess = suggestedSlug(slug);
  fail(
    `スラッグ「${slug}」は URL に使えません (invalid slug)。使えるのは半角の英小文字・数字と、語の間のハイフン (-) だけです。`,
    guess
      ? `例えば ${guess} としてください。`
      : "日本語や記号は使えません。内容を表す短い英語かローマ字にしてください (例: maintenance, irc-gateway)。",
  );
}

/**
 * The day the post belongs to: today in Japan, unless `--date` names another (a scheduled post).
 * A status entry starts now, to the minute (`nowText`).
 */
function checkedDate(given: string | undefined, nowText = toJstDateString(new Date())): { text: string; date: Date } {
  const text = given ?? nowText;
  const date = parseJstDateTime(text);
  if (!date) {
    fail(
      `日付「${text}」は読めません (invalid --date)`,
      "例: --date 2026-12-01 または --date 2026-12-01T18:00 (日本時間)",
    );
  }
  return { text, date };
}

/**
 * Creates `target` with `text` unless it exists: written whole to a temporary
 * file, then linked into place, which fails instead of replacing a file that
 * appeared meanwhile. Returns false when `target` already existed.
 */
function createExclusively(target: string, text: string): boolean {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  writeFileSync(temporary, text, { flag: "wx" });
  try {
    linkSync(temporary, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function refuseExisting(file: string): never {
  fail(
    `${shownPath(file)} はもうあります。上書きしません (post exists)`,
    "別のスラッグを選ぶか、そのファイルを編集してください。",
  );
}

/** `2026-12-02T14:30`: the minute in Japan, as an editor would write it. */
const jstMinuteNow = () => toJstIsoString(new Date()).slice(0, 16);

function checkedKind(kind: string): string {
  if ((STATUS_KINDS as readonly string[]).includes(kind)) return kind;
  fail(`--kind「${kind}」は使えません (invalid --kind)`, `${STATUS_KINDS.join(" か ")} を書いてください。`);
}

/** `--services c2s,muc`: each must be a key of `services` in server.yaml, where the page takes its label. */
function checkedServices(given: string | undefined): string[] {
  let known: Record<string, string>;
  try {
    known = loadServerFacts().services;
  } catch (error) {
    if (error instanceof ContentError) fail(`${shownPath(serverFactsFile())} が読めません (${error.message})`);
    throw error;
  }
  const list = Object.entries(known)
    .map(([key, label]) => `${key} (${label})`)
    .join(", ");
  const services = (given ?? "")
    .split(",")
    .map((service) => service.trim())
    .filter(Boolean);
  if (services.length === 0) fail("--services がありません (--services is required)", `使えるもの: ${list}`);
  const unknown = services.filter((service) => !(service in known));
  if (unknown.length > 0)
    fail(`--services「${unknown.join(", ")}」は server.yaml にありません (unknown service)`, `使えるもの: ${list}`);
  return services;
}

const OPTIONS = {
  date: { type: "string" },
  kind: { type: "string" },
  services: { type: "string" },
  mdx: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parseCommandLine() {
  try {
    return parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (error) {
    fail(`引数が正しくありません (${(error as Error).message})`, USAGE);
  }
}

function main(): void {
  const parsed = parseCommandLine();
  if (parsed.values.help) {
    console.log(USAGE);
    return;
  }
  const [slugArgument, ...titleWords] = parsed.positionals;
  const slug = checkedSlug(slugArgument);
  const title = titleWords.join(" ").trim() || undefined;
  const kind = parsed.values.kind === undefined ? undefined : checkedKind(parsed.values.kind);
  const collection = kind === undefined ? COLLECTIONS.news : COLLECTIONS.status;
  const services = kind === undefined ? [] : checkedServices(parsed.values.services);
  if (kind === undefined && parsed.values.services !== undefined)
    fail("--services は --kind と一緒に使います (--services needs --kind)", USAGE);
  const { text: dateText, date } = checkedDate(parsed.values.date, kind === undefined ? undefined : jstMinuteNow());
  const extension = parsed.values.mdx ? "mdx" : "md";

  const folder = collectionDir(collection);
  const entry = expectedEntryPath(date, slug, extension);
  const target = join(folder, entry);
  // The same URL as an existing .md/.mdx file would make two posts fight over one address.
  const sameUrl = ["md", "mdx"].map((ext) => join(folder, expectedEntryPath(date, slug, ext))).find(existsSync);
  if (sameUrl) refuseExisting(sameUrl);
  const text =
    kind === undefined
      ? newPostText({ title, date: dateText })
      : newStatusText({ title, date: dateText, kind, services });
  if (!createExclusively(target, text)) refuseExisting(target);

  const id = entry.replace(/\.mdx?$/, "");
  console.log(`作成しました (created): ${shownPath(target)}`);
  if (kind === undefined) {
    console.log(`  公開後の URL: ${collection.urlPath(id)}`);
    console.log("  下書き (draft: true) です。題名と本文を書き、npm run dev で確かめてください。");
    console.log("  公開するときは draft の行を消し、npm run check で確かめてから commit します。");
  } else {
    console.log(`  URL: ${collection.urlPath(id)}`);
    console.log(
      "  下書きはありません。状況を書き、npm run check で確かめてから commit すると、次のビルドで全ページにお知らせが出ます。",
    );
    console.log("  続報では updated を、復旧したら resolved を書きます (docs/editing.md)。");
  }
}

main();
