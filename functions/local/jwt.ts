/**
 * Local sign-in tokens. Locally the server signs ID tokens with a key generated into the data directory and
 * verifies them as API Gateway's JWT authorizer would (signature, expiry, issuer, audience); in AWS, Cognito
 * issues them and API Gateway verifies them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import type { UserProfile } from '#core/model';
import { keyFileDamaged } from './data-dir.ts';

const ISSUER = 'urn:pakt-integration:local';
const AUDIENCE = 'pakt-integration-local';
const ALG = 'ES256';

export interface LocalSigner {
  sign(user: UserProfile, ttlSeconds?: number): Promise<string>;
  /** Verifies a token; returns its claims or undefined. */
  verify(token: string): Promise<Record<string, unknown> | undefined>;
}

export async function localSigner(dataDir: string): Promise<LocalSigner> {
  const file = join(dataDir, 'jwt-key.json');
  let keys: { privateJwk: JWK; publicJwk: JWK };
  if (existsSync(file)) {
    try {
      keys = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw keyFileDamaged(file);
    }
  } else {
    const pair = await generateKeyPair(ALG, { extractable: true });
    keys = { privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) };
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  let privateKey: Awaited<ReturnType<typeof importJWK>>;
  let publicKey: Awaited<ReturnType<typeof importJWK>>;
  try {
    privateKey = await importJWK(keys.privateJwk, ALG);
    publicKey = await importJWK(keys.publicJwk, ALG);
  } catch {
    throw keyFileDamaged(file);
  }
  const verified = new Map<string, Record<string, unknown>>();
  return {
    sign: (user, ttlSeconds = 8 * 3600) =>
      new SignJWT({
        email: user.email,
        name: user.name,
        'cognito:groups': [user.role],
        'custom:org': user.org,
        'cognito:username': user.username,
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALG })
        .setSubject(user.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
    verify: async (token) => {
      // A token is immutable: its signature is checked once, its expiry on every use.
      const known = verified.get(token);
      if (known) {
        if (typeof known.exp === 'number' && known.exp * 1000 > Date.now()) return known;
        verified.delete(token);
        return undefined;
      }
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [ALG],
        });
        if (verified.size >= 1000) verified.delete(verified.keys().next().value as string);
        verified.set(token, payload as Record<string, unknown>);
        return payload as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  };
}

/** Claims as API Gateway passes them to the Lambda: array claims flattened to `"[a b]"`, numbers as strings. */
export function claimsAsApiGateway(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    out[key] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  }
  return out;
}
