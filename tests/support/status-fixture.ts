import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { copyOfContent } from "../../scripts/harness/build-site.ts";
import { addFiles, post } from "./run-script.ts";

/**
 * Status entries for fixture sites. Dates lie far enough in the past (or, for the announced
 * maintenance, in 2099) that the build's own "now" puts each in the same phase on any day the
 * tests run; the phase logic itself is tested against injected nows in tests/unit/status/.
 */
export const HOSTILE_STATUS_TITLE = `<b>"接続" & 'できない'</b> ]]> 🎉`;

export const STATUS_ENTRIES = {
  ongoing: {
    url: "/status/2026/1201-c2s-down/",
    title: HOSTILE_STATUS_TITLE,
    start: "2026年12月1日 9時30分",
    updated: "2026-12-01T10:15:00+09:00",
    services: ["クライアントからの接続", "談話室 (MUC)"],
    file: "status/2026/1201-c2s-down.md",
  },
  resolved: {
    url: "/status/2026/1120-upload/",
    title: "ファイルを送れない障害",
    resolved: "2026-11-20T15:45:00+09:00",
    file: "status/2026/1120-upload.md",
  },
  announced: {
    url: "/status/2099/1231-db-upgrade/",
    title: "データベースの更新作業",
    file: "status/2099/1231-db-upgrade.md",
  },
} as const;

const FILES: Record<keyof typeof STATUS_ENTRIES, string> = {
  ongoing: post(
    [
      `title: '${HOSTILE_STATUS_TITLE.replaceAll("'", "''")}'`,
      "date: 2026-12-01T09:30",
      "kind: 障害",
      "services: [c2s, muc]",
      "updated: 2026-12-01T10:15",
    ].join("\n"),
    "**10:15** 原因を調べています。\n\n**9:30** クライアントから接続できなくなっています。",
  ),
  resolved: post(
    [
      `title: ${STATUS_ENTRIES.resolved.title}`,
      "date: 2026-11-20T14:00",
      "kind: 障害",
      "services: [upload]",
      "updated: 2026-11-20T14:30",
      "resolved: 2026-11-20T15:45",
    ].join("\n"),
    "**15:45** 復旧しました。\n\n**14:00** ファイルを送れなくなっています。",
  ),
  announced: post(
    [
      `title: ${STATUS_ENTRIES.announced.title}`,
      "date: 2099-12-31T02:00",
      "kind: メンテナンス",
      "services: [c2s, s2s]",
      "updated: 2026-11-25T12:00",
      "resolved: 2099-12-31T04:00",
    ].join("\n"),
    "2時から4時まで、接続が切れることがあります。",
  ),
};

/**
 * A copy of the real content with only the fixture's status entries: `open` adds the ongoing
 * incident beside the resolved one and the announced maintenance; `quiet` leaves it out and also
 * drops the outside outage account from server.yaml, so the site must stop naming it.
 */
export function statusFixtureContent(state: "open" | "quiet"): string {
  const dir = copyOfContent();
  rmSync(join(dir, "status"), { recursive: true, force: true });
  const chosen =
    state === "open" ? (["ongoing", "resolved", "announced"] as const) : (["resolved", "announced"] as const);
  addFiles(dir, Object.fromEntries(chosen.map((name) => [STATUS_ENTRIES[name].file, FILES[name]])));
  if (state === "quiet") {
    const serverYaml = join(dir, "server.yaml");
    const facts = parseDocument(readFileSync(serverYaml, "utf8"));
    if (!facts.deleteIn(["announcements", "outages"])) {
      throw new Error("statusFixtureContent: server.yaml names no announcements.outages to remove");
    }
    writeFileSync(serverYaml, facts.toString());
  }
  return dir;
}
