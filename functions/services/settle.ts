/**
 * Starts a read now and gives its result when asked: a read begun ahead of its use runs beside the use
 * case's other reads (one round trip instead of one after the other), and if the use case fails before
 * asking, the read's rejection is not left unhandled.
 */
export function settle<T>(read: Promise<T>): () => Promise<T> {
  read.catch(() => undefined);
  return () => read;
}
