/**
 * The pro-rata proposal of a partial approval: when the reviewer lowers the total, each position is cut in the
 * same proportion, in whole euros, and the euros left by rounding down go one each to the positions with the
 * largest remainders (ties: the earlier position), so that the positions add up to the total exactly
 * (largest-remainder method). Pure; the reviewer may change the proposal before deciding.
 */

export interface RequestedPosition {
  id: string;
  requestedAmount: number;
}

export interface ProposedPosition extends RequestedPosition {
  approvedAmount: number;
}

/**
 * Splits `total` EUR over the positions in proportion to what each requested. `total` must be a whole amount
 * from 0 to the sum requested; no position gets more than it requested.
 * @throws RangeError for a total outside that range (the caller checks it first).
 */
export function proRataPositions(positions: readonly RequestedPosition[], total: number): ProposedPosition[] {
  const requested = positions.reduce((sum, p) => sum + p.requestedAmount, 0);
  if (!Number.isSafeInteger(total) || total < 0 || total > requested)
    throw new RangeError(`total must be a whole amount from 0 to ${requested}`);
  if (requested === 0) return positions.map((p) => ({ ...p, approvedAmount: 0 }));
  // BigInt: amount × total may pass 2^53 for large amounts.
  const big = BigInt(requested);
  const shares = positions.map((p, index) => {
    const exact = BigInt(p.requestedAmount) * BigInt(total);
    return { index, floor: exact / big, remainder: exact % big };
  });
  let left = BigInt(total) - shares.reduce((sum, s) => sum + s.floor, 0n);
  const order = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const extra = new Set<number>();
  for (const s of order) {
    if (left <= 0n) break;
    extra.add(s.index);
    left -= 1n;
  }
  return positions.map((p, index) => ({
    id: p.id,
    requestedAmount: p.requestedAmount,
    approvedAmount: Number(shares[index]!.floor) + (extra.has(index) ? 1 : 0),
  }));
}
