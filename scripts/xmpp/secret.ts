import { inspect } from "node:util";

const SHOWN = "[redacted]";
const MIN_REDACTED_LENGTH = 4;

/**
 * A password that cannot leak by accident: printing it, logging it,
 * JSON-serialising it or inspecting it shows "[redacted]"; only `reveal()`
 * gives the value, and only the SASL step calls it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /**
   * Scrubs the value out of text that came from elsewhere, such as a
   * library's error message. A value too short to tell from ordinary text
   * ("x") is left alone: scrubbing it would garble every message.
   */
  redact(text: string): string {
    return this.#value.length < MIN_REDACTED_LENGTH ? text : text.replaceAll(this.#value, SHOWN);
  }

  toString(): string {
    return SHOWN;
  }

  toJSON(): string {
    return SHOWN;
  }

  [inspect.custom](): string {
    return SHOWN;
  }
}
