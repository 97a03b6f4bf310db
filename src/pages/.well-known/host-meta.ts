import type { APIRoute } from "astro";
import { serverFacts } from "../../lib/server-facts/load.ts";
import { WELL_KNOWN_FILES, wellKnownResponse } from "../../lib/well-known/files.ts";
import { connectionLinks, hostMetaXrd } from "../../lib/well-known/host-meta.ts";

export const GET: APIRoute = () =>
  wellKnownResponse(WELL_KNOWN_FILES.hostMeta, hostMetaXrd(connectionLinks(serverFacts())));
