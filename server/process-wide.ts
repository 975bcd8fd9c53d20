/**
 * One value per process. The Remix build bundles its own copy of the server modules (pages
 * reach them through it), so a module-level value would be two: the API's, configured at
 * start, and the pages', never configured. The value lives on `globalThis` under a registered
 * symbol, which both copies share.
 */
export function processWide<T>(name: string, make: () => T): T {
  const key = Symbol.for(`margin.${name}`);
  const holder = globalThis as Record<symbol, unknown>;
  if (!(key in holder)) holder[key] = make();
  return holder[key] as T;
}
