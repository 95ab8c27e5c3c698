// What can be wrong with an ops user's accounts file, split by what happens next.

/**
 * The file cannot be used at all (missing required column, unreadable, unknown format). Raised
 * before any registry lookup; the CLI turns it into exit code 2 with this message.
 */
export class AccountsFileError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'AccountsFileError';
  }
}

/** A required column is absent from the header row. */
export class MissingColumnError extends AccountsFileError {
  constructor(
    file: string,
    readonly columns: string[],
    readonly headerRow: number,
  ) {
    super(file, `缺少必填列 ${columns.map((c) => `“${c}”`).join('、')}（表头在第 ${headerRow} 行）`);
    this.name = 'MissingColumnError';
  }
}

/**
 * One unusable row: reported in results.json `inputErrors`, the other rows are still checked.
 * `row` is the row number as the user sees it in Excel (header row included).
 */
export interface InputRowError {
  row: number;
  accountNo?: string;
  error: string;
}
