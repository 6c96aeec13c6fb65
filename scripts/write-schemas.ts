/**
 * Writes prisma/<provider>/schema.prisma for every provider from the one source schema,
 * prisma/schema.template.prisma. With `--check` it writes nothing and exits 1 when a copy is stale.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseProvider } from '../src/server/db/database-url';

const PROVIDERS: readonly DatabaseProvider[] = ['sqlite', 'postgresql'];
const HEADER = '// GENERATED from prisma/schema.template.prisma by `npm run db:schema`. Do not edit.\n\n';

export function renderSchema(template: string, provider: DatabaseProvider): string {
  return HEADER + template.replaceAll('{{provider}}', provider);
}

export function writeSchemas(root: string, { check = false } = {}): { stale: string[] } {
  const template = readFileSync(path.join(root, 'prisma', 'schema.template.prisma'), 'utf8');
  const stale: string[] = [];
  for (const provider of PROVIDERS) {
    const file = path.join(root, 'prisma', provider, 'schema.prisma');
    const wanted = renderSchema(template, provider);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (current === wanted) continue;
    stale.push(path.relative(root, file));
    if (!check) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, wanted);
    }
  }
  return { stale };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const { stale } = writeSchemas(process.cwd(), { check });
  if (check && stale.length > 0) {
    console.error(`Stale generated schemas: ${stale.join(', ')}. Run \`npm run db:schema\`.`);
    process.exit(1);
  }
  for (const file of stale) console.log(`wrote ${file}`);
}
