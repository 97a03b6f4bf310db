/**
 * The environment for a command a test runs as an editor or CI would. Vitest
 * sets NODE_ENV=test, DEV and friends in its workers; passed on, they would
 * make the commands run in Vite's test mode instead of as people run them.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ["NODE_ENV", "DEV", "PROD", "SSR", "MODE", "BASE_URL", "TEST"]) {
    if (!(name in extra)) delete env[name];
  }
  for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name];
  return env;
}
