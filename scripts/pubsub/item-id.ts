/**
 * The PubSub item id of a post, from its permanent Atom id:
 * `tag:step.im,2018-04-14:/blog/2018/0414-data/` → `step.im-2018-04-14-blog-2018-0414-data`.
 * Only [A-Za-z0-9._-] survive (some clients mishandle `/`, `:` and `,` in
 * ids); every run of other characters becomes one `-`. Stable because the
 * Atom id is: an edit never changes it, so a republish replaces the item.
 */
export function itemIdFromAtomId(atomId: string): string {
  const itemId = atomId
    .replace(/^tag:/, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (itemId === "") throw new Error(`the Atom id "${atomId}" leaves no characters for a PubSub item id`);
  return itemId;
}
