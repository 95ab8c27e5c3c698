import { gridFetchOverHttp, type GridFetch } from '../sdk';
import { coreBankingPortal } from './portal';

/**
 * Reads core banking's server-rendered grid pages without navigating: over HTTP with the
 * browser's session (the SDK's HTTP reader), four pages at a time as the in-page reader asked for
 * them before, parsed in Node and classified by core banking's login form and busy text. The
 * browser logs in and opens the first page; it does no work per page after that.
 *
 * A fast path only: anything but a 200 with the table and pager (an error status, the login page,
 * a busy page, a missing table) comes back as `{ ok: false }`, and the grid reader navigates
 * there, where `ctx.goto` raises the same error and a LayoutError gets its screenshot.
 */
export const fetchGridPages: GridFetch = gridFetchOverHttp(coreBankingPortal);
