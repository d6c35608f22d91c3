export const SEEN_KEY = 'pakt.seen';

export const seenIds = (): Set<string> =>
  new Set(JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? '[]') as string[]);

export function markSeen(id: string) {
  const seen = seenIds();
  seen.add(id);
  sessionStorage.setItem(SEEN_KEY, JSON.stringify([...seen]));
}
