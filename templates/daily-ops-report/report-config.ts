import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { templateFolder } from '../template-folder';
import { EXCEPTION_COLUMNS } from './exception-columns';
import type { ExceptionListId } from './view-model';

/**
 * The folder of the files ops edit about how the report looks (theme.json, layout.json,
 * branches.json, strings/). The thresholds that decide a status are the job's:
 * jobs/daily-ops-report/thresholds.json.
 */
export const TEMPLATE_DIR = templateFolder('daily-ops-report');

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

// A figure key's spelling is checked by the job, which owns the figures (a layout naming an unknown
// figure fails the build there, naming layout.json).
const figureKey = z.string().min(1);
// A list the template has no columns for cannot be drawn.
const listId = z.enum(Object.keys(EXCEPTION_COLUMNS) as [ExceptionListId, ...ExceptionListId[]]);
const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour like #C62828');
const statusColours = z.object({ normal: colour, watch: colour, alert: colour, missing: colour, none: colour });

const LayoutSchema = z.object({
  headline: z.array(figureKey).min(1),
  sections: z.array(z.object({ id: z.string().min(1), figures: z.array(figureKey).min(1) })).min(1),
  branchFigures: z.array(figureKey).min(1),
  exceptionLists: z.array(listId),
  pdfRowsPerList: z.number().int().positive(),
});
export type Layout = z.infer<typeof LayoutSchema>;

const ThemeSchema = z.object({
  status: statusColours,
  statusFill: statusColours,
  brand: colour,
  ink: colour,
  muted: colour,
  rule: colour,
  headerFill: colour,
  headerInk: colour,
  bandFill: colour,
  chart: z.array(colour).min(3),
});
export type Theme = z.infer<typeof ThemeSchema>;

/** The branch directory: branch code (as the portals give it) → the name people know it by. */
const BranchesSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a branch code like B001'), z.string().trim().min(1));

/** Strings: groups of key → text (report, columns, status, sources, sections, figures, ...). */
const StringsSchema = z.record(z.string(), z.record(z.string(), z.string()));
export type Strings = z.infer<typeof StringsSchema>;

export interface ReportConfig {
  locale: Locale;
  layout: Layout;
  theme: Theme;
  strings: Strings;
  branches: Record<string, string>;
}

/** Reads one JSON file of the template folder, failing with the file and field named. */
function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (raw !== null && typeof raw === 'object') delete (raw as Record<string, unknown>)['_comment'];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Loads the report's editable files, validating each on load so that a typo made by ops fails the
 * build with the file and field named, not halfway through rendering.
 *
 * @example const config = loadReportConfig('en');
 */
export function loadReportConfig(locale: Locale = 'zh-CN', dir: string = TEMPLATE_DIR): ReportConfig {
  if (!LOCALES.includes(locale)) throw new Error(`unknown locale "${locale}"; use one of ${LOCALES.join(', ')}`);
  return {
    locale,
    layout: readJson(path.join(dir, 'layout.json'), LayoutSchema),
    theme: readJson(path.join(dir, 'theme.json'), ThemeSchema),
    strings: readJson(path.join(dir, 'strings', `${locale}.json`), StringsSchema),
    branches: readJson(path.join(dir, 'branches.json'), BranchesSchema),
  };
}

/** A branch's name from branches.json; a branch missing there shows its code (never blank). */
export function branchName(config: ReportConfig, branchId: string): string {
  return config.branches[branchId] ?? branchId;
}

/** A string of the locale by 'group.key'; a missing one shows its key (visible, never blank). */
export function text(config: ReportConfig, group: string, key: string): string {
  return config.strings[group]?.[key] ?? `${group}.${key}`;
}
