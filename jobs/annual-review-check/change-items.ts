// Which field a 变更记录 entry changed, from its 变更事项 (item) text, by the spec's keywords.
// Kept free of imports: the thread that reads the registry's answers loads it to keep only the
// entries the rules can date (build/lookup-batch.ts).
//
// Example: fieldOfChangeItem('法定代表人变更') → 'legalRepresentative'; fieldOfChangeItem('章程备案') → undefined

/** The fields a flag can carry a change date on (spec: "When did the registry change"). */
export const DATED_FIELDS = ['name', 'legalRepresentative', 'address', 'registeredCapital', 'businessScope', 'licenseExpiry'] as const;
export type DatedField = (typeof DATED_FIELDS)[number];

export function isDatedField(field: string): field is DatedField {
  return (DATED_FIELDS as readonly string[]).includes(field);
}

/** The spec's keywords: 名称 → name; 法定代表人 / 负责人 / 投资人 → legal representative; … */
const KEYWORDS: readonly (readonly [string, DatedField])[] = [
  ['名称', 'name'],
  ['法定代表人', 'legalRepresentative'],
  ['负责人', 'legalRepresentative'],
  ['投资人', 'legalRepresentative'],
  ['住所', 'address'],
  ['地址', 'address'],
  ['经营场所', 'address'],
  ['注册资本', 'registeredCapital'],
  ['注册资金', 'registeredCapital'],
  ['经营范围', 'businessScope'],
  ['营业期限', 'licenseExpiry'],
];

/**
 * A 财务负责人 (finance officer) is not the 负责人 the spec means (a branch's head, who stands where
 * a company has its legal representative): dating a legal representative by a finance officer's
 * appointment would be a guess.
 */
const NOT_THE_HEAD = '财务负责人';

/**
 * The field an item changes; the keyword that comes first in the text decides (`投资人变更（…投资人
 * 名称等）` is about the 投资人, `经营场所名称变更` about the place). Undefined for items no rule
 * compares (章程备案, 董事备案, 财务负责人变更 …).
 */
export function fieldOfChangeItem(item: string): DatedField | undefined {
  let at = Infinity;
  let field: DatedField | undefined;
  for (const [word, candidate] of KEYWORDS) {
    let from = 0;
    let found = item.indexOf(word, from);
    // Skip every 负责人 that is a 财务负责人.
    while (found >= 0 && word === '负责人' && item.startsWith(NOT_THE_HEAD, found - 2)) {
      from = found + word.length;
      found = item.indexOf(word, from);
    }
    if (found >= 0 && found < at) {
      at = found;
      field = candidate;
    }
  }
  return field;
}
