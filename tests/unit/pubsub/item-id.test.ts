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
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(ids[1]).toBe("example.org-2024-weird-id-with-query-1-x-frag");
  });

  it("is stable: the same permanent id always gives the same item id", () => {
    const atomId = postAtomId("step.im", "2018-08-10", "/blog/2018/0810-irc/");
    expect(itemIdFromAtomId(atomId)).toBe(itemIdFromAtomId(atomId));
    expect(itemIdFromAtomId(atomId)).toBe("step.im-2018-08-10-blog-2018-0810-irc");
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
