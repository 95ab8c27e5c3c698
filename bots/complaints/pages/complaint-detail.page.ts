import type { Page } from 'playwright-core';
import type { BotContext } from '../../sdk';
import { requireElement } from '../../sdk';

export const DETAIL_TABLE = 'table#complaint-detail';
const DETAIL = DETAIL_TABLE;
/** The page is rendered by the server: its elements are there once the document is, or never. */
const RENDERED_MS = 2_000;

/** 投诉工单详情: one complaint with its handling times, as label/value rows. */
export class ComplaintDetailPage {
  constructor(private readonly page: Page) {}

  static url(id: string): string {
    return `/complaints/${encodeURIComponent(id)}`;
  }

  /** Opens the detail page of `id`; a listed complaint without a detail page is a portal inconsistency. */
  async open(ctx: BotContext, id: string): Promise<void> {
    const response = await ctx.goto(this.page, ComplaintDetailPage.url(id));
    if (response?.status() === 404) throw new Error(`complaint ${id} is listed but its detail page answers 404`);
  }

  /** Every [label, value] row of the detail table. */
  async rows(): Promise<[string, string][]> {
    await requireElement(this.page, `${DETAIL} tr`, RENDERED_MS);
    return this.page.locator(`${DETAIL} tr`).evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''] as [string, string]),
    );
  }
}
