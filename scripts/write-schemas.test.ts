import { describe, expect, it } from 'vitest';
import { repoRoot } from '~/test/prisma-cli';
import { renderSchema, writeSchemas } from './write-schemas';

describe('per-provider schemas', () => {
  it('are up to date with prisma/schema.template.prisma', () => {
    expect(writeSchemas(repoRoot, { check: true }).stale).toEqual([]);
  });
  it('differ only in provider and client output folder', () => {
    const template = 'provider = "{{provider}}"\noutput = "../../src/generated/{{provider}}"';
    expect(renderSchema(template, 'postgresql')).toContain('provider = "postgresql"\noutput = "../../src/generated/postgresql"');
    expect(renderSchema(template, 'sqlite')).not.toContain('{{provider}}');
  });
});
