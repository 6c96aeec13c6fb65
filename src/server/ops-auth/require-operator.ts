import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { SHOP_ERRORS } from '../errors';
import { authenticateOperator, OPERATOR_WWW_AUTHENTICATE, type AuthenticateOperatorOptions } from './authenticate-operator';

/**
 * For route handlers outside tRPC (e.g. a future `/api/metrics`): `null` when the request carries
 * the operator credential, else the refusal to return — 401 `OPERATOR_CREDENTIAL_REQUIRED` or 403
 * `OPERATOR_ACCESS_DISABLED`, in the same envelope and with the same codes as the `ops.*` procedures.
 *
 * @example
 * const refused = requireOperator(req, { opsToken: env.OPS_TOKEN });
 * if (refused) return refused;
 */
export function requireOperator(req: Request, options: AuthenticateOperatorOptions): Response | null {
  const auth = authenticateOperator(req.headers, options);
  if (auth.ok) return null;
  const trpcCode = SHOP_ERRORS[auth.code].trpcCode;
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code: trpcCode }));
  const body = { error: { message: auth.message, code: TRPC_ERROR_CODES_BY_KEY[trpcCode], data: { code: auth.code, httpStatus, retryable: false, zodError: null } } };
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (httpStatus === 401) headers['WWW-Authenticate'] = OPERATOR_WWW_AUTHENTICATE;
  return Response.json(body, { status: httpStatus, headers });
}
