import type { Page } from 'playwright-core';
import type { Fetched } from '../readers/in-page-fetch';
import type { GridSelectors } from './grid-page';

/** What one grid page holds, as `GridPage` reads it from a rendered page. */
export interface GridContent {
  headers: string[];
  rows: string[][];
  pagerText: string;
}

/** A grid page read without rendering it, or why it could not be (then it is read by navigating). */
export type FetchedGrid = Fetched<GridContent>;

/**
 * Reads grid pages without navigating to them (e.g. the logged-in page's own `fetch`), several in
 * one round trip; `readGrid` calls it only while the page shows the portal's origin. A fast path
 * only: whatever it cannot read as a plain grid page (an error, the login page, a busy page) it
 * answers `{ ok: false }`, and `readGrid` navigates there, where `ctx.goto` classifies the answer and a LayoutError gets its evidence.
 */
export type GridFetch = (page: Page, urls: string[], where: GridSelectors) => Promise<FetchedGrid[]>;
