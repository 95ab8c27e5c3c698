/**
 * What a bot knows about a grid's columns: header text → record field, and how each cell's text
 * becomes a value. Headers are matched by text, so reordered columns still parse; a column the
 * bot does not know, or a field no column carries, means the portal changed its layout.
 *
 * @example
 * export const ALERT_GRID: GridColumns<AmlAlertRecord> = {
 *   name: '反洗钱预警',
 *   headers: { 预警编号: 'id', 处理状态: 'state', 处理时间: 'handledAt' },
 *   convert: { handledAt: (t) => (t === '' ? null : t) },
 * };
 */
export interface GridColumns<R> {
  /** Which grid, in step labels and error messages. */
  name: string;
  /** Header text → record field. */
  headers: Record<string, keyof R & string>;
  /**
   * Field → its cell's (trimmed) text as a value; plain text when absent. Throw an Error saying
   * what is wrong (`unknown state "已关闭"`) for a text the bot cannot read: the row and column are
   * added to it. A value left as it is gets the record schema's verdict instead.
   */
  convert?: Partial<Record<keyof R & string, (text: string) => unknown>>;
  /** Columns not in `headers`: a layout change (default), or left alone when the bot needs only some. */
  otherColumns?: 'fail' | 'ignore';
}

export interface HeaderMapping<R> {
  /** The field of each column, undefined for a column these columns do not know. */
  fields: ((keyof R & string) | undefined)[];
  /** Header texts nobody knows: the portal renamed or added a column. */
  unknown: string[];
  /** Headers of fields no column carries: the portal dropped or renamed one. */
  missing: string[];
}

/** Maps header texts to fields; the columns may come in any order. */
export function mapHeaders<R>(columns: GridColumns<R>, headers: string[]): HeaderMapping<R> {
  const fields = headers.map((h) => columns.headers[h.trim()]);
  const present = new Set(fields);
  const missing = Object.entries(columns.headers).filter(([, f]) => !present.has(f)).map(([h]) => h);
  return { fields, unknown: headers.filter((_, i) => !fields[i]).map((h) => h.trim()), missing };
}

/** What is wrong with a header mapping, for a LayoutError; undefined when it is complete. */
export function headerProblem<R>(columns: GridColumns<R>, m: HeaderMapping<R>): string | undefined {
  if (m.unknown.length && columns.otherColumns !== 'ignore') return `${columns.name}: unknown column ${m.unknown.map((h) => `"${h}"`).join(', ')}`;
  if (m.missing.length) return `${columns.name}: missing column ${m.missing.map((h) => `"${h}"`).join(', ')}`;
  return undefined;
}

/** The field of each column; throws an Error naming the problem when the headers are not the ones expected. */
export function headerFields<R>(columns: GridColumns<R>, headers: string[]): HeaderMapping<R>['fields'] {
  const mapping = mapHeaders(columns, headers);
  const problem = headerProblem(columns, mapping);
  if (problem) throw new Error(problem);
  return mapping.fields;
}

/**
 * One row of cell texts → a record (validated later against the bot's record schema). `row`
 * (1-based, across pages) names the row when a cell cannot be read.
 */
export function parseRow<R>(columns: GridColumns<R>, cells: string[], fields: HeaderMapping<R>['fields'], row: number): R {
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    if (!field) return;
    const text = (cells[i] ?? '').trim();
    const convert = columns.convert?.[field];
    try {
      out[field] = convert ? convert(text) : text;
    } catch (err) {
      throw new Error(`row ${row}, column ${field}: ${(err as Error).message}`);
    }
  });
  return out as R;
}
