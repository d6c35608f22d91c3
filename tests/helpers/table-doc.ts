/**
 * The entity and access-pattern tables of `docs/architecture.md`, generated from the registry
 * (`functions/table.ts`). `npx tsx tests/helpers/table-doc.ts` prints them; `tests/unit/table.test.ts`
 * checks the document contains them as they are.
 */
import { accessPatterns, entities } from '../../functions/table.ts';

/** The entity table of `docs/architecture.md`, from the registry. */
export function entityTable(): string {
  const rows = Object.values(entities).map(
    (e) => `| \`${e.tag}\` | \`${e.pk}\` | \`${e.sk}\` | ${e.about} |`,
  );
  return ['| entity | pk | sk | what |', '|---|---|---|---|', ...rows].join('\n');
}

/** The access-pattern table of `docs/architecture.md`, from the registry. */
export function patternTable(): string {
  const rows = Object.entries(accessPatterns).map(
    ([name, p]) => `| \`${name}\` | ${p.index} | \`${p.partition.replace(/\|/g, 'or')}\` | \`${p.sort}\` |`,
  );
  return ['| access pattern | index | partition key | sort key |', '|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`${entityTable()}\n\n${patternTable()}`);
