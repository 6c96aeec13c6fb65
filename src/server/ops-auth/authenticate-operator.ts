import { readCookie } from '../session/session-cookie';
import { OPERATOR_COOKIE, SECURE_OPERATOR_COOKIE, verifyOperatorCookie } from './operator-cookie';
import { tokensMatch } from './tokens-match';

/** Why a request is not an operator's. */
export type OperatorRefusalCode = 'OPERATOR_ACCESS_DISABLED' | 'OPERATOR_CREDENTIAL_REQUIRED';

export type OperatorAuthentication =
  | { ok: true; via: 'bearer' | 'cookie' }
  | { ok: false; code: OperatorRefusalCode; message: string };

export interface AuthenticateOperatorOptions {
  /** OPS_TOKEN; unset, operator access is off for everyone. */
  opsToken: string | undefined;
  /** @default Date.now() */
  now?: number;
}

/** Sent with a 401, as RFC 6750 asks of a Bearer-protected resource. */
export const OPERATOR_WWW_AUTHENTICATE = 'Bearer realm="idem-ops"';

/**
 * Whether a request carries the operator credential: `Authorization: Bearer <OPS_TOKEN>`, or the
 * cookie the /ops sign-in form sets. Both are compared in constant time. One function for every
 * operator surface — the `ops.*` procedures (`operatorProcedure`), the /ops page, route handlers
 * (`requireOperator`) — so they cannot disagree.
 */
export function authenticateOperator(headers: Pick<Headers, 'get'>, { opsToken, now }: AuthenticateOperatorOptions): OperatorAuthentication {
  if (opsToken === undefined) {
    return { ok: false, code: 'OPERATOR_ACCESS_DISABLED', message: 'Operator access is off on this server. To enable it, set OPS_TOKEN (at least 32 characters) and restart.' };
  }
  // Another scheme (a proxy's Basic auth in front of a staging site, say) is not ours to judge.
  const bearer = /^Bearer[ \t]+(\S*)[ \t]*$/i.exec(headers.get('authorization') ?? '')?.[1];
  if (bearer !== undefined) {
    if (tokensMatch(bearer, opsToken)) return { ok: true, via: 'bearer' };
    return { ok: false, code: 'OPERATOR_CREDENTIAL_REQUIRED', message: 'The operator credential is not valid: send `Authorization: Bearer <OPS_TOKEN>` with the server\'s OPS_TOKEN.' };
  }
  // Either name: a valid value proves knowledge of the token wherever it came from, so the
  // planted-cookie concern of the session cookie does not arise.
  const cookieHeader = headers.get('cookie');
  for (const name of [SECURE_OPERATOR_COOKIE, OPERATOR_COOKIE]) {
    if (verifyOperatorCookie(readCookie(cookieHeader, name), opsToken, now)) return { ok: true, via: 'cookie' };
  }
  return {
    ok: false,
    code: 'OPERATOR_CREDENTIAL_REQUIRED',
    message: 'Operator credential required: send `Authorization: Bearer <OPS_TOKEN>`, or sign in on the /ops page.',
  };
}
