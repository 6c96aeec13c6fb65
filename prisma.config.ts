import { createRequire } from 'node:module';
import { defineConfig } from 'prisma/config';
import { providerOf, resolveDatabaseUrl } from './src/server/db/database-url';

process.env.CHECKPOINT_DISABLE ??= '1'; // no usage telemetry

// The Prisma CLI insists on a native schema-engine binary, which it would download from a host this
// project cannot reach. The stand-in (packages/prisma-schema-engine-wasm) speaks the binary's
// protocol over Prisma's own WASM engine. An explicitly set variable still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= createRequire(import.meta.url).resolve('@idem/prisma-schema-engine-wasm/schema-engine');

const url = resolveDatabaseUrl();
const provider = providerOf(url);

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: {
    path: `prisma/${provider}/migrations`,
    seed: 'tsx prisma/seed.ts',
  },
  datasource: { url },
});
