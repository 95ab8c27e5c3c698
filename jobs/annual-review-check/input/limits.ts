// How much of an accounts file the reader accepts. An ops user's file can be broken or hostile (a
// zip bomb, a 50 MB cell, a merge across 16,384 columns, /dev/zero): past a limit the file is
// refused at once with exit 2, naming the file, the limit and the setting that raises it, instead
// of eating the worker's time, memory or disk. Values come from the config (jobs/runtime/config),
// handed to the job's prepare.

import { ConfigSchema, envNameOf, type Config } from '../../runtime/config';
import { AccountsFileError } from './errors';

export interface InputLimits {
  maxFileBytes: number;
  maxUnzippedBytes: number;
  maxXlsxTableBytes: number;
  maxCellChars: number;
  maxCellsPerRow: number;
}

/** Config key and unit of each limit, named in messages so that an admin knows what to raise. */
const KEYS: Record<keyof InputLimits, { key: keyof Config; unit: string }> = {
  maxFileBytes: { key: 'inputMaxFileBytes', unit: '字节' },
  maxUnzippedBytes: { key: 'inputMaxUnzippedBytes', unit: '字节' },
  maxXlsxTableBytes: { key: 'inputMaxXlsxTableBytes', unit: '字节' },
  maxCellChars: { key: 'inputMaxCellChars', unit: '字符' },
  maxCellsPerRow: { key: 'inputMaxCellsPerRow', unit: '列' },
};

export function inputLimitsOf(cfg: Config): InputLimits {
  return {
    maxFileBytes: cfg.inputMaxFileBytes,
    maxUnzippedBytes: cfg.inputMaxUnzippedBytes,
    maxXlsxTableBytes: cfg.inputMaxXlsxTableBytes,
    maxCellChars: cfg.inputMaxCellChars,
    maxCellsPerRow: cfg.inputMaxCellsPerRow,
  };
}

/**
 * The schema's defaults, for a reader given no limits (tests, tools). A run hands its own from the
 * deployment's config: the job's prepare passes `inputLimitsOf(ctx.config)`.
 */
export function defaultInputLimits(): InputLimits {
  return inputLimitsOf(ConfigSchema.parse({}));
}

/** Excel's own column count: no real sheet row has more cells, whatever the settings say. */
export const EXCEL_MAX_COLUMNS = 16_384;

/** The file goes past one of the limits: refused as a whole (exit 2). */
export class InputLimitError extends AccountsFileError {
  constructor(
    file: string,
    readonly limit: keyof InputLimits,
    readonly value: number,
    /** What went past it, e.g. `第 7 行第 2 列有 52,428,800 个字符`. */
    detail: string,
  ) {
    const { key, unit } = KEYS[limit];
    super(file, `${detail}（上限 ${key} = ${value.toLocaleString('en-US')} ${unit}，可用 ${envNameOf(key) ?? key} 调整）`);
    this.name = 'InputLimitError';
  }
}

/** Counts bytes against a limit shared by several streams (e.g. the parts of one .xlsx). */
export class ByteBudget {
  private used = 0;
  constructor(
    readonly file: string,
    readonly limit: keyof InputLimits,
    readonly max: number,
    /** What is counted, for the message: `解压后的 xlsx 内容`. */
    private readonly what: string,
  ) {}

  spend(bytes: number, where: string): void {
    this.used += bytes;
    if (this.used > this.max) throw new InputLimitError(this.file, this.limit, this.max, `${this.what}超过上限（读到 ${where} 时）`);
  }
}
