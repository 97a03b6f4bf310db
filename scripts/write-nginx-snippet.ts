import { writeFileAtomically } from "../src/lib/files/write-atomically.ts";
import { serverFacts } from "../src/lib/server-facts/load.ts";
import { NGINX_SNIPPET_FILE, nginxSnippet } from "../src/lib/well-known/nginx-snippet.ts";

writeFileAtomically(NGINX_SNIPPET_FILE, nginxSnippet(serverFacts()));
console.log(`wrote ${NGINX_SNIPPET_FILE}`);
