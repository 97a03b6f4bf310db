import type { APIRoute } from "astro";
import { serverFacts } from "../../lib/server-facts/load.ts";
import { WELL_KNOWN_FILES, wellKnownResponse } from "../../lib/well-known/files.ts";
import { securityTxt } from "../../lib/well-known/security-txt.ts";

// Rendered once per build, so Expires counts from the moment the site was built.
export const GET: APIRoute = () =>
  wellKnownResponse(WELL_KNOWN_FILES.securityTxt, securityTxt(serverFacts(), new Date()));
