// How the registry bot names what it keeps of a lookup, by the code looked up (normalised):
// the same names in every run, so a clerk finds a company's files by its code.

import { safeName } from '../sdk';

/** The detail page's bytes: `pages/registry.company/registry-<code>.html.gz`. */
export const detailPageName = (code: string): string => `registry-${code}`;

/** Page `pageNo` of a record tab read for the code: `registry-<code>.<tab>-<pageNo>.html.gz`. */
export const tabPageName = (code: string, tab: 'changes' | 'abnormal' | 'violations', pageNo: number): string => `registry-${code}.${tab}-${pageNo}`;

/** The search page of a code the registry does not hold ("未查询到"). */
export const searchPageName = (code: string): string => `registry-${code}.search`;

/** The evidence screenshot of the detail page, relative to the run folder, as the bot named it before it kept pages. */
export const screenshotFile = (botId: string, code: string): string => `evidence/${botId}/${safeName(`registry-${code}`)}.png`;
