import { ContentError } from "../../src/lib/validation/content-error.ts";

/**
 * Why a command stopped, as one line a person can act on. `kind` sorts the
 * causes for the exit status and for `--json` readers.
 */
export type FailureKind =
  | "usage"
  | "config"
  | "input"
  | "credentials"
  | "certificate"
  | "unreachable"
  | "timeout"
  | "forbidden"
  | "server"
  | "refused";

export class Failure extends Error {
  readonly kind: FailureKind;

  constructor(kind: FailureKind, message: string, options?: ErrorOptions) {
    super(message.replace(/\s*\n\s*/g, " "), options);
    this.name = "Failure";
    this.kind = kind;
  }
}

/** Exit statuses shared by every command, so CI and operators read them one way. */
export const EXIT = {
  ok: 0,
  /** Failed on the way (server, network, credentials), or — for verify-server — drift found. */
  failed: 1,
  /** Bad invocation, configuration or input files: nothing was attempted. */
  badInput: 2,
  /** A guard refused the run (or verify-server could not reach or trust the server). */
  refused: 3,
} as const;

const isParseArgsError = (error: unknown) =>
  error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");

/**
 * The exit status for whatever stopped a command. `failedOnTheWay` is what a server or network
 * failure means to that command: 1 for the publisher, 3 for verify-server, where 1 means drift.
 */
export function exitCodeFor(error: unknown, failedOnTheWay: number = EXIT.failed): number {
  if (error instanceof ContentError || isParseArgsError(error)) return EXIT.badInput;
  if (!(error instanceof Failure)) return failedOnTheWay;
  if (error.kind === "usage" || error.kind === "config" || error.kind === "input") return EXIT.badInput;
  if (error.kind === "refused") return EXIT.refused;
  return failedOnTheWay;
}
