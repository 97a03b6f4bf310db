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

/** Bad invocation or configuration: 2; a guard refused the run: 3; anything that went wrong on the way: 1. */
export function exitCodeFor(kind: FailureKind): number {
  if (kind === "usage" || kind === "config" || kind === "input") return 2;
  if (kind === "refused") return 3;
  return 1;
}
