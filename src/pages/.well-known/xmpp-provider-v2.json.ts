import type { APIRoute } from "astro";
import { serverFacts } from "../../lib/server-facts/load.ts";
import { WELL_KNOWN_FILES, wellKnownResponse } from "../../lib/well-known/files.ts";
import { providerFile } from "../../lib/well-known/provider-file.ts";

export const GET: APIRoute = () =>
  wellKnownResponse(WELL_KNOWN_FILES.providerFile, `${JSON.stringify(providerFile(serverFacts()), null, 2)}\n`);
