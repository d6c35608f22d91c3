/**
 * Bundle size: what each handler group's bundle (minified, source map not counted) holds beyond the reference
 * bundle of middy and the SDK clients the function uses, i.e. the platform's own code and the libraries it
 * chose. The total and the reference are kept in the details; a miss names what takes the room.
 */
import type { Bundles } from './bundles.ts';
import type { Figure } from './lib.ts';

const LIMIT_KB = 150;

const kB = (bytes: number) => Math.round(bytes / 100) / 10;

export function measureBundleSize(bundles: Bundles): Figure[] {
  return bundles.handlers.map((b) => {
    const reference = bundles.referenceOf(b);
    const beyond = kB(b.bytes - reference.bytes);
    // What this bundle has more of than the reference, by package, largest first.
    const extra = Object.entries(b.byPackage)
      .map(([pkg, bytes]) => [pkg, bytes - (reference.byPackage[pkg] ?? 0)] as const)
      .filter(([, bytes]) => bytes > 1000)
      .sort((x, y) => y[1] - x[1]);
    const figure: Figure = {
      figure: 'bundle size',
      measure: `${b.group} beyond reference`,
      value: beyond,
      unit: 'kB',
      target: `≤ ${LIMIT_KB} kB`,
      pass: beyond <= LIMIT_KB,
      detail: {
        bytes: b.bytes,
        totalKB: kB(b.bytes),
        clients: b.clients,
        reference: reference.name,
        referenceBytes: reference.bytes,
        beyondReferenceByPackageKB: Object.fromEntries(extra.map(([pkg, bytes]) => [pkg, kB(bytes)])),
      },
    };
    if (!figure.pass)
      figure.note = `${kB(b.bytes)} kB in all, reference ${kB(reference.bytes)} kB; most beyond it: ${extra
        .slice(0, 4)
        .map(([pkg, bytes]) => `${pkg} ${kB(bytes)} kB`)
        .join(', ')}`;
    return figure;
  });
}
