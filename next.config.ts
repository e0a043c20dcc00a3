import type { NextConfig } from 'next';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? process.cwd());

const nextConfig: NextConfig = {
  // The repo sits beside other folders with lockfiles: pin the workspace root to this project.
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
  // The Redis client (rate limits) loads optional peers at run time; keep it a plain Node require.
  serverExternalPackages: ['@redis/client'],
  reactStrictMode: true,
  devIndicators: false,
  // Browser source maps only for `npm run page-weight -- --by-package` (they would be served publicly).
  productionBrowserSourceMaps: process.env.PAGE_WEIGHT_SOURCE_MAPS === '1',
};

export default nextConfig;
