/**
 * The Content-Security-Policy of the web app, in one place: CloudFront sends it (web stack), and the
 * web app's tests load the built page under the same policy. `{region}` stands for the Cognito region.
 *
 * - no `'unsafe-inline'`/`'unsafe-eval'`: the form validators are precompiled at build time;
 * - `img-src data:`: the KERN UX stylesheet inlines its icons as `data:` SVGs;
 * - `connect-src`: the API is same-origin (`/api/*`); sign-in talks to the Cognito hosted domain
 *   (`*.amazoncognito.com`) and the Cognito user-pool API of the deployment region.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self' https://*.amazoncognito.com https://cognito-idp.{region}.amazonaws.com; " +
  "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** The policy for one region, e.g. `contentSecurityPolicy('eu-central-1')`. */
export function contentSecurityPolicy(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new Error(`contentSecurityPolicy needs a concrete AWS region, got "${region}"`);
  }
  return CONTENT_SECURITY_POLICY.replace('{region}', region);
}
