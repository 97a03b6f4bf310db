/**
 * Adds a stylesheet to the page and waits until it applies, so a feature
 * loaded on demand never shows unstyled. A `<link>` to a file of the site is
 * what the CSP allows (no inline styles).
 */
export function addStylesheet(href: string): Promise<void> {
  const present = document.querySelector(`link[rel="stylesheet"][href="${CSS.escape(href)}"]`);
  if (present) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.addEventListener("load", () => resolve());
    link.addEventListener("error", () => {
      link.remove();
      reject(new Error(`could not load ${href}`));
    });
    document.head.append(link);
  });
}
