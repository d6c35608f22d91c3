/**
 * How an application's amount is split over the planning frames it draws on: a joint application's members
 * carry their stated shares ("Anteil"), the lead applicant the rest. Pure.
 */
export interface Debit {
  org: string;
  amount: number;
}

export interface MemberShare {
  org: string;
  share?: number;
}

/**
 * Splits `total` EUR: each member its share (scaled by `total / requested` when less than requested is
 * approved), the lead organisation the remainder. Shares never exceed the total; amounts are whole euros.
 */
export function splitAmount(
  total: number,
  requested: number,
  lead: string,
  members: readonly MemberShare[],
): Debit[] {
  const scale = requested > 0 ? total / requested : 0;
  const debits: Debit[] = [];
  let left = total;
  for (const m of members) {
    if (m.org === lead) continue;
    const amount = Math.min(left, Math.max(0, Math.round((m.share ?? 0) * scale)));
    if (amount > 0) debits.push({ org: m.org, amount });
    left -= amount;
  }
  return [{ org: lead, amount: left }, ...debits];
}

/** Adds up debits per organisation (a member listed twice counts once, summed). */
export function mergeDebits(debits: readonly Debit[]): Debit[] {
  const byOrg = new Map<string, number>();
  for (const d of debits) byOrg.set(d.org, (byOrg.get(d.org) ?? 0) + d.amount);
  return [...byOrg.entries()].map(([org, amount]) => ({ org, amount }));
}
