import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contentDir } from "../content-dir.ts";
import { shownPath } from "../files/shown-path.ts";
import { ContentError } from "../validation/content-error.ts";
import { parseYamlSource } from "../validation/yaml-source.ts";
import { problemsFromZod } from "../validation/zod-problems.ts";
import { type ServerFacts, serverFactsSchema } from "./schema.ts";

/** The server facts of the content folder in use (see contentDir). */
export function serverFactsFile(): string {
  return join(contentDir(), "server.yaml");
}

/** Reads and checks `content/server.yaml`; throws a ContentError naming each bad field. */
export function loadServerFacts(file = serverFactsFile()): ServerFacts {
  const shownName = shownPath(file);
  const source = parseYamlSource(readFileSync(file, "utf8"), shownName);
  const result = serverFactsSchema.safeParse(source.data);
  if (!result.success) throw new ContentError(problemsFromZod(result.error, source));
  return result.data;
}

let cached: ServerFacts | undefined;

/** The facts of this checkout, read once per process. */
export function serverFacts(): ServerFacts {
  cached ??= loadServerFacts();
  return cached;
}
