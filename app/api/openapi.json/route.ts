import { generateOpenApiDocument } from '~/server/openapi/generate-openapi';
import { appRouter } from '~/server/root';

// The document is a pure function of the code, so it is rendered once at build time.
export const dynamic = 'force-static';

export function GET() {
  return Response.json(generateOpenApiDocument(appRouter));
}
