/**
 * Characters XML 1.0 forbids even when escaped (control characters, lone
 * surrogates, U+FFFE/U+FFFF). An editor can paste one without seeing it; one
 * such character would make the whole feed, and every PubSub item, unparsable.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_IN_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\uD800-\uDFFF]/gu;

export function xmlSafeText(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, "");
}
