type Attributes = Record<string, string | boolean | undefined>;

/**
 * Builds an element: `true` sets a boolean attribute, `false` or undefined
 * leaves it out; strings become text nodes, never markup. Styling goes
 * through classes only: the CSP forbids style attributes.
 */
export function element<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[Tag] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, "");
    else if (typeof value === "string") node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}
