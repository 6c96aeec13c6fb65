import type { OperatorRefusalCode } from '~/server/ops-auth/authenticate-operator';

export interface OperatorSignInProps {
  /** Why the page is not shown: no credential yet, or operator access off on this server. */
  refusal: OperatorRefusalCode;
  /** The refusal's message, as the API would send it. */
  message: string;
  /** `?signin=` after a failed form post: `failed` (wrong token) or `off`. */
  outcome?: string;
}

/**
 * What /ops shows without the operator credential: the reason, and a form that posts the token to
 * /api/ops/sign-in, which sets an HttpOnly cookie. A plain form (no JavaScript): the token is never
 * held by the page's scripts.
 */
export function OperatorSignIn({ refusal, message, outcome }: OperatorSignInProps) {
  if (refusal === 'OPERATOR_ACCESS_DISABLED') {
    return (
      <section className="card" aria-labelledby="signin-heading" data-code={refusal}>
        <h2 id="signin-heading">Operator access is off</h2>
        <p role="alert">{message}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="signin-heading" data-code={refusal}>
      <h2 id="signin-heading">Operator sign-in</h2>
      <p>This page needs the operator credential: the server&apos;s OPS_TOKEN. Tools can send it as <code>Authorization: Bearer &lt;OPS_TOKEN&gt;</code> instead.</p>
      {outcome === 'failed' ? <p role="alert">That is not the operator token. Nothing was signed in.</p> : null}
      <form method="post" action="/api/ops/sign-in" className="checkout-form" aria-label="Operator sign-in">
        <div className="field">
          <label htmlFor="ops-token">Operator token</label>
          <input id="ops-token" name="token" type="password" autoComplete="current-password" required minLength={32} />
          <p className="hint">Sets an HttpOnly cookie for 12 hours; the token itself is not stored in the browser.</p>
        </div>
        <div>
          <button type="submit" className="button primary">
            Sign in
          </button>
        </div>
      </form>
    </section>
  );
}
