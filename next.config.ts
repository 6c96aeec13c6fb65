import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and WASM-backed database drivers run from node_modules, not from the bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg'],
  poweredByHeader: false,
};

export default nextConfig;
