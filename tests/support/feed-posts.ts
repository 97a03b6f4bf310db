import { type AtomPost, postAtomId } from "../../src/lib/atom/entry.ts";

/** A plain post in the feed view both feeds are built from; `overrides` make it hostile. */
export function feedPost(overrides: Partial<AtomPost> = {}): AtomPost {
  return {
    id: postAtomId("step.im", "2018-04-14", "/blog/2018/0414-data/"),
    title: "サーバーに格納されるデータについて",
    url: "https://step.im/blog/2018/0414-data/",
    published: new Date("2018-04-13T15:00:00Z"),
    updated: new Date("2018-04-13T15:00:00Z"),
    summary: "要約",
    contentHtml: "<p>本文</p>",
    categories: ["お知らせ"],
    ...overrides,
  };
}

/**
 * Text an editor could write that breaks naive XML writers: markup and quotes,
 * `]]>` more than once (CDATA), an XMPP stanza, and characters XML 1.0 forbids.
 * Every feed test uses this one set, so Atom and RSS are held to the same bar.
 */

/** A title with markup, quotes, `]]>`, an emoji and a control character. */
export const HOSTILE_TITLE = `<b>"危険" & 'quotes'</b> ]]> 🎉 \u0007`;

/** An HTML body: escaped stanzas, raw CDATA markers, root-relative links, `]]>` twice, forbidden characters. */
export const HOSTILE_BODY = [
  "<p>XMPP のスタンザの例:</p>",
  "<pre><code>&lt;message to=&quot;a@step.im&quot;&gt;&lt;body&gt;]]&gt;&lt;/body&gt;&lt;/message&gt;</code></pre>",
  "<pre><code><![CDATA[ raw ]]> twice ]]> and <iq type='get'/> </code></pre>",
  '<a href="/blog/2018/0414-data/" title="a &lt; b">内部リンク</a> <img src="/images/x.png" alt="">',
  "]]>]]><!-- ]]> -->\uFFFE\uD800 end",
].join("\n");

/** What a reader gets of HOSTILE_TITLE: every character but the BEL, which XML cannot carry. */
export const SHOWN_HOSTILE_TITLE = `<b>"危険" & 'quotes'</b> ]]> 🎉 `;

/** What a reader gets of HOSTILE_BODY: U+FFFE and the lone surrogate dropped, nothing else. */
export const SHOWN_HOSTILE_BODY = HOSTILE_BODY.replace("\uFFFE\uD800", "");

/** A tag with markup and quotes. */
export const HOSTILE_TAG = '<tag & "x">';

/** The title of HOSTILE_POST: what a Markdown file can carry of HOSTILE_TITLE. */
export const HOSTILE_POST_TITLE = `<b>"危険" & 'quotes'</b> ]]> 🎉`;

/** A whole Markdown post (`news/2026/0101-hostile.md`), for built sites: the same traps through the Markdown renderer. */
export const HOSTILE_POST = `---
title: '${HOSTILE_POST_TITLE.replaceAll("'", "''")}'
date: 2026-01-01T10:00:00+09:00
tags: [テスト]
---

ストリームの例です。

\`\`\`xml
<stream:stream xmlns="jabber:client" to="step.im">
<message to="a@step.im"><body>]]> と ]]> と <![CDATA[ x ]]></body></message>
<iq type="set" id="1"><pubsub xmlns="http://jabber.org/protocol/pubsub"/></iq>
\`\`\`

本文中の ]]> と ]]]]>> も、<span title="a < b & c">インラインの HTML</span> も。

[内部リンク](/privacy/) と ![画像](/favicon.svg)
`;
