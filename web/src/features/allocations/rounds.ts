/**
 * The funding rounds as the server publishes them with the funding forms (`FormVersion.rounds`), newest
 * last. Nothing here knows a round by name: a new round appears when a form version carries it.
 */
import { api } from '../../api/client.ts';
import type { FormListItem } from '../../api/types.ts';

/** Every round any published funding form offers, sorted (round ids such as `2017-2018` sort by time). */
export async function publishedRounds(forms?: FormListItem[]): Promise<string[]> {
  const list = forms ?? (await api.forms()).data.items;
  const funding = list.filter((f) => f.kind === 'funding');
  const versions = await Promise.all(funding.map((f) => api.form(f.id, f.version)));
  return [...new Set(versions.flatMap((v) => Object.keys(v.data.rounds ?? {})))].sort();
}

/** The newest published round, or undefined when no funding form carries one. */
export const latestRound = async (forms?: FormListItem[]) => (await publishedRounds(forms)).at(-1);
