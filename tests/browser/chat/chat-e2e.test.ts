import type { BrowserContext, Page, WebSocket } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { firstPage } from "../../../scripts/harness/built-site.ts";
import { axeViolations } from "../../support/axe.ts";
import { ACCOUNTS, type ChatFixture, startChatFixture } from "./support/chat-fixture.ts";
import { isGroupchat, isPresenceOf, type RoomMember, roomMember } from "./support/room-member.ts";

/**
 * The chat of issue 7 against a real Prosody and a real Chromium: the tab on
 * a news post (anonymous, public room) and the web client page (an account).
 * What the browser sends is checked by an independent client in the room.
 */
let fixture: ChatFixture;
let bob: RoomMember;
let publicRoom: string;

beforeAll(async () => {
  fixture = await startChatFixture();
  const { muc } = fixture.facts.xmpp;
  publicRoom = `${muc.publicRoom.node}@${muc.service}`;
  bob = await roomMember(fixture.prosody, ACCOUNTS.bob);
  await bob.join(publicRoom, "bob");
});

afterAll(async () => {
  await bob?.close();
  await fixture?.close();
});

/** A fresh browser profile whose every request, WebSocket and layout shift is recorded. */
async function watchedPage() {
  const context = await fixture.browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  contexts.push(context);
  await context.addInitScript(() => {
    const shifts: number[] = [];
    (globalThis as unknown as { __shifts: number[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  const requests: URL[] = [];
  const sockets: WebSocket[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(new URL(request.url())));
  page.on("websocket", (socket) => sockets.push(socket));
  page.on("pageerror", (error) => errors.push(error.message));
  const layoutShift = () =>
    page.evaluate(() =>
      (globalThis as unknown as { __shifts: number[] }).__shifts.reduce((sum, value) => sum + value, 0),
    );
  return { page, requests, sockets, errors, layoutShift };
}

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

const url = (path: string) => new URL(path, fixture.site.origin).href;
const foreign = (requests: URL[]) => requests.filter((request) => request.origin !== fixture.site.origin);
const paths = (requests: URL[]) => requests.map((request) => decodeURIComponent(request.pathname));

/** Waits until the element matching `selector` shows `text`. */
async function showsText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

describe("the chat tab (the successor of Jappix Mini)", () => {
  it("costs nothing until opened, joins the public room anonymously, talks both ways, switches rooms and closes cleanly", async () => {
    const post = firstPage(fixture.siteDir, /^\/blog\/\d{4}\/\d{4}-[^/]+\/$/);
    const { page, requests, sockets, errors, layoutShift } = await watchedPage();
    await page.goto(url(post.urlPath), { waitUntil: "networkidle" });

    const loader = await page.locator("script[src]").getAttribute("src");
    expect(
      paths(requests).filter((path) => path.endsWith(".js")),
      "only the shared loader runs",
    ).toEqual([loader]);
    expect(sockets, "no connection before the tab is opened").toEqual([]);
    const tab = page.getByRole("button", { name: "チャット" });
    await expect(tab.getAttribute("aria-expanded")).resolves.toBe("false");

    const before = requests.length;
    await tab.click();
    const nickname = page.getByLabel("ニックネーム");
    await nickname.waitFor();
    expect(await nickname.evaluate((input) => input === document.activeElement), "focus moves into the panel").toBe(
      true,
    );
    expect(paths(requests.slice(before)).some((path) => /\/_astro\/chat-tab\.[^/]+\.js$/.test(path))).toBe(true);
    expect(sockets, "opening the tab alone connects to nothing").toEqual([]);
    expect(await layoutShift(), "opening the tab moves nothing on the page").toBe(0);

    // The first step asks for a nickname; a blank one is refused in Japanese.
    await nickname.fill("   ");
    await page.getByRole("button", { name: "入室" }).click();
    await showsText(page, "[role=status]", "ニックネームを 1〜32 文字で入力してください");
    expect(sockets).toEqual([]);

    await nickname.fill("ゆき");
    await page.getByRole("button", { name: "入室" }).click();
    await showsText(page, "[role=status]", `${fixture.facts.xmpp.muc.publicRoom.node} に「ゆき」として入りました`);
    expect(sockets.map((socket) => socket.url())).toEqual([fixture.facts.xmpp.websocketUrl]);
    await bob.waitFor("ゆき entering the public room", isPresenceOf(publicRoom, "ゆき"));

    // What the reader types reaches the room; what the room says reaches the reader. Enter that
    // confirms a Japanese IME conversion sends nothing: only the Enter after it does.
    const message = page.getByLabel("メッセージ");
    await message.focus();
    const ime = await page.context().newCDPSession(page);
    await ime.send("Input.imeSetComposition", { text: "にほんご", selectionStart: 4, selectionEnd: 4 });
    await page.keyboard.press("Enter");
    await ime.send("Input.insertText", { text: "日本語で" });
    await page.keyboard.type("こんにちは、<b>ボブ</b>さん");
    await page.keyboard.press("Enter");
    await bob.waitFor("ゆき's message", isGroupchat(publicRoom, "ゆき", "日本語でこんにちは、<b>ボブ</b>さん"));
    expect(bob.received.filter((stanza) => stanza.getChildText("body")?.startsWith("にほんご"))).toEqual([]);
    expect(await message.evaluate((input) => input === document.activeElement), "ready for the next line").toBe(true);
    await bob.say(publicRoom, "ようこそ、ゆきさん");
    await showsText(page, "[role=log] li", "ようこそ、ゆきさん");
    await expect(
      page.locator("[role=log] li", { hasText: "ようこそ" }).locator(".chat-line__nick").textContent(),
    ).resolves.toBe("bob");
    // Markup someone typed is text, never HTML.
    expect(
      await page
        .locator("[role=log] b")
        .filter({ hasText: /^ボブ$/ })
        .count(),
    ).toBe(0);
    expect(await axeViolations(page), "the open panel is accessible").toEqual([]);

    // Switching rooms: a new room (the tab unlocks it as its owner), and the public room is left.
    const otherRoom = `新しい部屋@${fixture.facts.xmpp.muc.service}`;
    await page.getByLabel("ほかの部屋へ移る").fill("新しい部屋");
    await page.getByRole("button", { name: "移動" }).click();
    await showsText(page, "[role=status]", "新しい部屋 に「ゆき」として入りました");
    await bob.waitFor("ゆき leaving the public room", isPresenceOf(publicRoom, "ゆき", "unavailable"));
    await bob.join(otherRoom, "bob");
    await bob.say(otherRoom, "新しい部屋へようこそ");
    await showsText(page, "[role=log] li", "新しい部屋へようこそ");

    // Closing leaves the room, ends the connection, and gives the focus back to the tab.
    await page.getByRole("button", { name: /チャットを閉じる/ }).click();
    await bob.waitFor("ゆき leaving the new room", isPresenceOf(otherRoom, "ゆき", "unavailable"));
    await expect.poll(() => sockets.every((socket) => socket.isClosed()), { timeout: 10_000 }).toBe(true);
    expect(await page.locator(".chat-panel").count()).toBe(0);
    expect(await tab.evaluate((button) => button === document.activeElement)).toBe(true);
    await expect(tab.getAttribute("aria-expanded")).resolves.toBe("false");

    expect(foreign(requests), "nothing but the site itself was asked for").toEqual([]);
    expect(errors).toEqual([]);
  });
});

interface Violation {
  directive: string;
  blocked: string;
}

describe("the web client page (the successor of Jappix)", () => {
  it("refuses other servers' accounts and a wrong password in Japanese, then chats in a room with a STEP.im account", async () => {
    const { page, requests, sockets, errors } = await watchedPage();
    await page.context().addInitScript(() => {
      const violations: { directive: string; blocked: string }[] = [];
      (globalThis as unknown as { __violations: typeof violations }).__violations = violations;
      document.addEventListener("securitypolicyviolation", (event) => {
        violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
      });
    });
    const { domain, webClientPath } = fixture.facts.xmpp;
    await page.goto(url(webClientPath), { waitUntil: "networkidle" });
    expect(await page.locator(".chat-panel, [data-lazy=chat]").count(), "no chat tab on the web client").toBe(0);
    await expect(page.getByRole("link", { name: /アカウントの登録のしかた/ }).getAttribute("href")).resolves.toBe(
      "/guides/register/",
    );
    expect(await page.locator("form input[name*=regist], [href*='register'][data-lazy]").count()).toBe(0);

    const account = page.getByLabel("アカウント (XMPP アドレス)");
    const password = page.getByLabel("パスワード");
    const logIn = page.getByRole("button", { name: "ログイン" });
    await account.fill("bob@example.org");
    await password.fill("whatever");
    await logIn.click();
    await showsText(page, "#web-client-feedback", `このページで使えるのは ${domain} のアカウントだけです`);
    await expect(account.getAttribute("aria-invalid")).resolves.toBe("true");
    expect(sockets, "another server's password is never sent anywhere").toEqual([]);
    expect(
      paths(requests).filter((path) => path.includes("/converse/")),
      "Converse.js waits for a login",
    ).toEqual([]);

    await account.fill(ACCOUNTS.alice.username);
    await password.fill("not the password");
    await logIn.click();
    await showsText(page, "#web-client-feedback", "ログインできませんでした");

    await password.fill(ACCOUNTS.alice.password);
    await logIn.click();
    const rooms = page.locator("converse-rooms-list");
    await rooms.waitFor({ timeout: 20_000 });
    expect(await page.locator("main").isVisible(), "the login page steps aside").toBe(false);
    expect(paths(requests).some((path) => path.startsWith(`${webClientPath}converse/`))).toBe(true);
    expect(new Set(sockets.map((socket) => socket.url()))).toEqual(new Set([fixture.facts.xmpp.websocketUrl]));

    // Into the public room through Converse.js's own (Japanese) dialog, as a reader would. The full
    // address: Converse.js turns a bare name into an ASCII-only one, which a Japanese name does not survive.
    await rooms.getByRole("button", { name: "メニュー" }).click();
    await page.getByText("グループチャットを追加").click();
    await page.locator("converse-add-muc-modal input[name=chatroom]").fill(publicRoom);
    await page.getByRole("button", { name: "入室する" }).click();
    await bob.waitFor("alice entering the public room", isPresenceOf(publicRoom, "alice"));

    const composer = page.locator("converse-muc textarea").first();
    await composer.fill("ウェブチャットから こんにちは");
    await composer.press("Enter");
    await bob.waitFor("alice's message", isGroupchat(publicRoom, "alice", "ウェブチャットから こんにちは"));
    await bob.say(publicRoom, "アリスさん、いらっしゃい");
    await showsText(page, "converse-muc .chat-msg__text", "アリスさん、いらっしゃい");

    const violations = await page.evaluate(() => (globalThis as unknown as { __violations: Violation[] }).__violations);
    expect(
      violations.filter((violation) => !violation.directive.startsWith("style-src")),
      "Converse.js runs under the site's CSP; only its inline styles are refused",
    ).toEqual([]);
    const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute("content");
    expect(csp).not.toContain("unsafe-inline");
    expect(foreign(requests), "nothing but the site itself was asked for").toEqual([]);
    expect(errors).toEqual([]);

    // Logging out leads back to a fresh login page, and out of the room.
    await page.locator("converse-user-profile a.show-profile").click();
    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.getByRole("button", { name: "確定" }).click();
    await bob.waitFor("alice leaving the public room", isPresenceOf(publicRoom, "alice", "unavailable"));
    await account.waitFor({ timeout: 15_000 });
    expect(await page.locator("converse-root").count()).toBe(0);
  });
});
