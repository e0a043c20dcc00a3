/**
 * One value per server process, whatever the bundler does. Next.js bundles every route (and
 * `instrumentation.ts`) on its own, so a module-level variable in `lib/` exists once per route that
 * imports it: each route would keep its own index, its own speller over the whole library and its
 * own caches. Values made here live on `globalThis` under a registered symbol instead, so every copy
 * of a module finds the same one.
 */
export function processWide<T>(key: string, create: () => T): T {
  const slot = Symbol.for(`k2-assistant:${key}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[slot] ??= create());
}
