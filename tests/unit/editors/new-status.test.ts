import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PLACEHOLDER_BODY } from "../../../scripts/lib/post-template.ts";
import { PROJECT_ROOT } from "../../../scripts/lib/project-root.ts";
import { toJstIsoString } from "../../../src/lib/dates/jst.ts";
import { readStatusEntry } from "../../../src/lib/status/read-entry.ts";
import { runScript } from "../../support/run-script.ts";

const contentDir = mkdtempSync(join(tmpdir(), "step-new-status-"));
const statusDir = join(contentDir, "status");
// The services an entry may name come from server.yaml, as on the real site.
copyFileSync(join(PROJECT_ROOT, "content/server.yaml"), join(contentDir, "server.yaml"));
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));

const newEntry = (...args: string[]) => runScript("scripts/new-post.ts", args, { STEP_CONTENT_DIR: contentDir });
const statusFiles = () => (existsSync(statusDir) ? readdirSync(statusDir, { recursive: true }).map(String).sort() : []);
const minute = (date: Date) => toJstIsoString(date).slice(0, 16);

describe("npm run new --kind: starting an incident or maintenance", () => {
  it("starts an incident now (Japan time, to the minute) with every field filled and valid", async () => {
    const before = new Date();
    const run = await newEntry("c2s-down", "クライアントから接続できません", "--kind", "障害", "--services", "c2s,s2s");
    const after = new Date();
    expect(run.code, run.stderr).toBe(0);
    const [entry] = statusFiles().filter((name) => name.endsWith("-c2s-down.md"));
    expect(entry).toBeDefined();
    const file = join(statusDir, entry as string);
    const { path, data } = readStatusEntry(statusDir, file);
    expect(data).toMatchObject({ title: "クライアントから接続できません", kind: "障害", services: ["c2s", "s2s"] });
    expect([minute(before), minute(after)]).toContain(minute(data.date));
    expect(data.updated).toEqual(data.date);
    expect(data.resolved).toBeUndefined();
    expect(run.stdout).toContain(`/status/${path.id}/`);
    const text = readFileSync(file, "utf8");
    // How to close it is in the file itself; the body waits for the first report.
    expect(text).toMatch(/^# resolved: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/m);
    expect(text).toContain(PLACEHOLDER_BODY);
  });

  it("announces maintenance for a later time with --date", async () => {
    const run = await newEntry(
      "db-upgrade",
      "データベースの更新",
      "--kind",
      "メンテナンス",
      "--services",
      "muc",
      "--date",
      "2099-12-31T02:00",
    );
    expect(run.code, run.stderr).toBe(0);
    const { data } = readStatusEntry(statusDir, join(statusDir, "2099/1231-db-upgrade.md"));
    expect(data.kind).toBe("メンテナンス");
    expect(data.date.toISOString()).toBe("2099-12-30T17:00:00.000Z");
  });

  it.each([
    [["x", "--kind", "故障", "--services", "c2s"], "--kind「故障」は使えません"],
    [["x", "--kind", "障害"], "--services がありません"],
    [["x", "--kind", "障害", "--services", "c2s,xmpp"], "--services「xmpp」は server.yaml にありません"],
    [["x", "--services", "c2s"], "--services は --kind と一緒に使います"],
  ])("refuses %j and writes nothing", async (args, message) => {
    const before = statusFiles();
    const run = await newEntry(...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(statusFiles()).toEqual(before);
  });

  it("lists the services it accepts, with their labels", async () => {
    const run = await newEntry("x", "--kind", "障害", "--services", "nope");
    expect(run.stderr).toContain("c2s (クライアントからの接続)");
  });
});
