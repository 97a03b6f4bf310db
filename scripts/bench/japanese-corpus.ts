import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Generated Japanese news for the benchmarks: the same seed always gives the
 * same posts. Sentences are put together from words of the site's own topics,
 * so Pagefind segments and indexes them the way it does real posts, and the
 * lengths (300–1,500 characters of body) match what the site publishes.
 */
const SUBJECTS = [
  "STEP.im",
  "サーバー",
  "この談話室",
  "XMPP クライアント",
  "利用者の皆さん",
  "管理者",
  "IRC 中継",
  "ウェブクライアント",
  "新しい設定",
  "証明書",
];
const OBJECTS = [
  "証明書の更新",
  "談話室の記録",
  "オフラインメッセージ",
  "ファイルの共有",
  "メッセージの暗号化",
  "アカウントの登録",
  "接続の設定",
  "障害のお知らせ",
  "サーバーのバージョン",
  "購読の手続き",
  "パスワードの変更",
  "IRC チャンネル",
];
const VERBS = [
  "行います",
  "お知らせします",
  "変更しました",
  "確認してください",
  "予定しています",
  "停止します",
  "再開しました",
  "ご案内します",
  "見直しました",
  "改善しました",
];
const OPENERS = ["本日、", "先日より、", "来月から、", "引き続き、", "このたび、", "しばらくの間、", "念のため、", ""];
const REASONS = [
  "安全に使っていただくため",
  "より快適に話せるよう",
  "古い機能が廃止されたため",
  "皆さんからの要望を受けて",
  "障害を防ぐため",
];
const TAGS = ["お知らせ", "障害", "メンテナンス", "TLS", "IRC", "PubSub", "ウェブクライアント", "プライバシー", "運用"];
const TITLE_ENDINGS = ["について", "のお知らせ", "を行います", "の変更", "の再開"];

const FIRST_DAY = Date.UTC(2011, 5, 1);
const SPAN_DAYS = 4900;

/** mulberry32: small, fast and good enough for choosing words. */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generatedPost(random: () => number, index: number, count: number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentence = () => `${pick(OPENERS)}${pick(SUBJECTS)}は${pick(REASONS)}、${pick(OBJECTS)}を${pick(VERBS)}。`;
  const paragraphs: string[] = [];
  const targetLength = 300 + Math.floor(random() * 1200);
  let length = 0;
  while (length < targetLength) {
    const paragraph =
      random() < 0.15
        ? `## ${pick(OBJECTS)}\n\n${sentence()}`
        : random() < 0.15
          ? Array.from({ length: 3 }, () => `- ${pick(OBJECTS)}: ${sentence()}`).join("\n")
          : Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join("");
    paragraphs.push(paragraph);
    length += paragraph.length;
  }
  // Spread over the site's past (2011 to 2024), so that none is dated in the future and left out as scheduled.
  const date = new Date(FIRST_DAY + Math.floor((index * SPAN_DAYS) / count) * 86_400_000);
  const title = `${pick(OBJECTS)}${pick(TITLE_ENDINGS)} (${index + 1})`;
  const tags = [...new Set([pick(TAGS), pick(TAGS)])];
  return { date, slug: `post-${index + 1}`, title, tags, body: paragraphs.join("\n\n") };
}

/**
 * A content folder with `count` generated posts beside a copy of the real
 * server facts, guides and pages; returns its path (a new temporary folder).
 */
export function writeJapaneseCorpus(projectContentDir: string, count: number, seed = 20110601): string {
  const dir = mkdtempSync(join(tmpdir(), `step-corpus-${count}-`));
  for (const part of ["server.yaml", "guides", "pages"]) {
    cpSync(join(projectContentDir, part), join(dir, part), { recursive: true });
  }
  const random = randomGenerator(seed);
  for (let index = 0; index < count; index++) {
    const post = generatedPost(random, index, count);
    const iso = post.date.toISOString().slice(0, 10);
    const [year, month, day] = iso.split("-") as [string, string, string];
    const folder = join(dir, "news", year);
    mkdirSync(folder, { recursive: true });
    const frontMatter = `---\ntitle: "${post.title}"\ndate: ${iso}\ntags: [${post.tags.join(", ")}]\n---\n\n`;
    writeFileSync(join(folder, `${month}${day}-${post.slug}.md`), `${frontMatter}${post.body}\n`);
  }
  return dir;
}
