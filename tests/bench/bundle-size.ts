/** Bundle size: the minified size of each handler group's bundle (source map not counted). */
import type { Bundles } from './bundles.ts';
import type { Figure } from './lib.ts';

const LIMIT_KB = 600;

export function measureBundleSize(bundles: Bundles): Figure[] {
  return bundles.handlers.map((b) => {
    const kB = Math.round(b.bytes / 100) / 10;
    return {
      figure: 'bundle size',
      measure: b.group,
      value: kB,
      unit: 'kB',
      target: `≤ ${LIMIT_KB} kB`,
      pass: kB <= LIMIT_KB,
      detail: {
        bytes: b.bytes,
        usesS3: b.usesS3,
        referenceBytes: (b.usesS3 ? bundles.references.dynamoS3 : bundles.references.dynamo).bytes,
      },
    };
  });
}
