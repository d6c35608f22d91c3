/**
 * A value built on first use and then kept. For what is costly at module scope: each `Intl` formatter loads
 * its locale's data when it is constructed (about 5 ms of a cold start each, in every function that merely
 * imports the module), though most requests never format anything.
 */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}
