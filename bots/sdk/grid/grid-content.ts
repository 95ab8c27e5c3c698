import type { Page } from 'playwright-core';
import type { GridSelectors } from './grid-page';

/** What one grid page holds, as `GridPage` reads it from a rendered page. */
export interface GridContent {
  headers: string[];
  rows: string[][];
  pagerText: string;
}

/** A grid page read without rendering it, or why it could not be (then it is read by navigating). */
export type FetchedGrid = { ok: true; value: GridContent } | { ok: false; why: string };

/**
 * Reads grid pages without navigating to them (e.g. the logged-in page's own `fetch`), several in
 * one round trip. A fast path only: whatever it cannot read as a plain grid page (an error, the
 * login page, a page not on the portal's origin) it answers `{ ok: false }`, and `readGrid`
 * navigates there, where `ctx.goto` classifies the answer and a LayoutError gets its evidence.
 */
export type GridFetch = (page: Page, urls: string[], where: GridSelectors) => Promise<FetchedGrid[]>;
