import { describe, expect, it } from "vitest";
import { itemIdFromAtomId } from "../../../scripts/pubsub/item-id.ts";
import { postAtomId } from "../../../src/lib/atom/entry.ts";

describe("itemIdFromAtomId", () => {
  it("turns a post's tag URI into the documented item id", () => {
    expect(itemIdFromAtomId("tag:step.im,2018-04-14:/blog/2018/0414-data/")).toBe(
      "step.im-2018-04-14-blog-2018-0414-data",
    );
  });

  it("keeps only characters every client handles", () => {
    const ids = [
      postAtomId("step.im", "2021-06-01", "/blog/2021/0601-10th-anniversary/"),
      "tag:example.org,2024:weird id/with?query=1&x#frag",
      "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
      "tag:step.im,2011-06-20:/blog/2011/0620-ジャバー/",
    ].map(itemIdFromAtomId);
    expect(ids).toEqual([
      "step.im-2021-06-01-blog-2021-0601-10th-anniversary",
      "example.org-2024-weird-id-with-query-1-x-frag",
      "urn-uuid-6e8bc430-9c3a-11d9-9669-0800200c9a66",
      "step.im-2011-06-20-blog-2011-0620",
    ]);
  });

  it("gives the ids already on the production node: a change here would announce every post again", () => {
    expect(
      [
        ["2018-04-14", "/blog/2018/0414-data/"],
        ["2018-08-10", "/blog/2018/0810-irc/"],
        ["2026-11-27", "/blog/2026/1127-new-site/"],
      ].map(([date = "", path = ""]) => itemIdFromAtomId(postAtomId("step.im", date, path))),
    ).toEqual([
      "step.im-2018-04-14-blog-2018-0414-data",
      "step.im-2018-08-10-blog-2018-0810-irc",
      "step.im-2026-11-27-blog-2026-1127-new-site",
    ]);
  });

  it("gives different posts different ids", () => {
    const a = itemIdFromAtomId(postAtomId("step.im", "2018-08-10", "/blog/2018/0810-irc/"));
    const b = itemIdFromAtomId(postAtomId("step.im", "2018-08-11", "/blog/2018/0811-irc/"));
    expect(a).not.toBe(b);
  });

  it("refuses an id with nothing usable in it", () => {
    expect(() => itemIdFromAtomId("tag:/:,")).toThrow(/no characters/);
  });
});
