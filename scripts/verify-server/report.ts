import type { ClaimStatus, ObservedClaim } from "../../src/lib/server-facts/observed-claims.ts";

/** One line of the report: what server.yaml claims, what the server showed, and whether they agree. */
export type Row = ObservedClaim;

const STATUS_TEXT: Record<ClaimStatus, string> = { ok: "OK", drift: "DRIFT", skipped: "SKIPPED", info: "INFO" };
const HEADINGS = ["check", "claim (server.yaml)", "observed", "status"] as const;

/** Terminal columns a string takes: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** The rows as an aligned table with a heading line. */
export function formatTable(rows: readonly Row[]): string {
  const cells = [
    HEADINGS as readonly string[],
    ...rows.map((row) => [row.check, row.claim, row.observed, STATUS_TEXT[row.status]]),
  ];
  const widths = HEADINGS.map((_, column) => Math.max(...cells.map((line) => displayWidth(line[column] ?? ""))));
  const lines = cells.map((line) =>
    line.map((cell, column) => (column === line.length - 1 ? cell : padEnd(cell, widths[column] ?? 0))).join("  "),
  );
  lines.splice(1, 0, widths.map((width) => "-".repeat(width)).join("  "));
  return lines.join("\n");
}

export function hasDrift(rows: readonly Row[]): boolean {
  return rows.some((row) => row.status === "drift");
}

export function summary(rows: readonly Row[]): string {
  const drifted = rows.filter((row) => row.status === "drift").length;
  return drifted === 0
    ? "server.yaml とサーバーの実際は一致しています (no drift)."
    : `server.yaml とサーバーの実際が ${drifted} 項目で食い違っています (${drifted} claim(s) drifted from the server).`;
}
