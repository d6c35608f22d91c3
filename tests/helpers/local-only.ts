/** Local-emulator tests refuse any endpoint that is not on loopback. */
export function assertLoopback(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    throw new Error(`Refusing to run tests against a non-local endpoint: ${endpoint}`);
  }
  return endpoint;
}
