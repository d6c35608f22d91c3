/**
 * Sign-in. Locally: a list of demo users and `POST /local/login`. In AWS: the Cognito hosted UI with the
 * authorization code flow and PKCE. The token lives in sessionStorage only (never localStorage), so it
 * ends with the tab; signing out removes it.
 */
const TOKEN_KEY = 'pakt.token';
const PKCE_KEY = 'pakt.pkce';

export type AuthConfig =
  | { mode: 'local' }
  | { mode: 'cognito'; domain: string; clientId: string; redirectUri: string; logoutUri?: string };

export interface AppConfig {
  auth: AuthConfig;
  /** Origin of the upload endpoint when it differs from the page (the local S3 emulator). */
  uploadOrigin?: string;
  /** Local mode: the SES emulator's viewer of the mails the platform sent. */
  mailViewer?: string;
}

let configPromise: Promise<AppConfig> | undefined;

export function loadConfig(): Promise<AppConfig> {
  configPromise ??= fetch('/config.json', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<AppConfig>) : { auth: { mode: 'local' as const } }))
    .catch(() => ({ auth: { mode: 'local' as const } }));
  return configPromise;
}

export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token: string) => sessionStorage.setItem(TOKEN_KEY, token);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function randomString(bytes = 32): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return base64url(buf);
}

const hostedUi = (domain: string) => (domain.startsWith('http') ? domain : `https://${domain}`);

/** Redirects to the hosted UI. `returnTo` (a hash route) is restored after sign-in. */
export async function startCognitoSignIn(
  cfg: Extract<AuthConfig, { mode: 'cognito' }>,
  returnTo: string,
): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: base64url(new Uint8Array(digest)),
    state,
  });
  window.location.assign(`${hostedUi(cfg.domain)}/oauth2/authorize?${params}`);
}

/**
 * Finishes the code flow when the hosted UI redirected back with `?code=&state=`. Returns the hash route
 * to continue with, or undefined when there was nothing to finish.
 */
export async function completeCognitoSignIn(
  cfg: Extract<AuthConfig, { mode: 'cognito' }>,
): Promise<string | undefined> {
  const query = new URLSearchParams(window.location.search);
  const code = query.get('code');
  if (!code) return undefined;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PKCE_KEY);
  // Drop code and state from the address bar whatever happens next.
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (!saved || saved.state !== query.get('state')) throw new Error('state mismatch');
  const response = await fetch(`${hostedUi(cfg.domain)}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: cfg.clientId,
      code,
      redirect_uri: cfg.redirectUri,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  // The API's authorizer reads the role and organisation claims, which only the ID token carries.
  const tokens = (await response.json()) as { id_token: string };
  setToken(tokens.id_token);
  return saved.returnTo;
}

export async function signOut(): Promise<void> {
  clearToken();
  const cfg = (await loadConfig()).auth;
  if (cfg.mode === 'cognito') {
    const params = new URLSearchParams({
      client_id: cfg.clientId,
      logout_uri: cfg.logoutUri ?? cfg.redirectUri,
    });
    window.location.assign(`${hostedUi(cfg.domain)}/logout?${params}`);
  }
}
