import type { Locator, Page } from 'playwright-core';
import { CUSTOMER_CHANGE_FIELDS, type CustomerChangeField } from '../../records';
import { classifyContent, classifyStatus, LayoutError, requireElement, type BotContext } from '../../sdk';
import { ChangeRejectedError } from '../customer-change/change-rejected-error';

/** What the portal answered to a confirmed submit. */
export type SubmitAnswer =
  | { kind: 'filed'; requestNo: string }
  | { kind: 'duplicate'; requestNo: string; message: string }
  | { kind: 'refused'; error: ChangeRejectedError };

/** Long enough for a slow core system; a submit with no answer at all is retried after a search. */
const SUBMIT_ANSWER_MS = 30_000;

/**
 * 对公客户信息变更申请 as a clerk uses it: find the account, change one field, write the remark,
 * 提交申请, then 确定 in the confirmation dialog. Inputs are found by their ids (`#f-<field>`).
 */
export class CustomerChangePage {
  constructor(private readonly ctx: BotContext, private readonly page: Page, private readonly path: string) {}

  /** Opens the account's form; a gone account is the portal's message, not a layout change. */
  async open(accountNo: string): Promise<void> {
    await this.ctx.goto(this.page, `${this.path}?${new URLSearchParams({ accountNo })}`);
    const notice = this.page.locator('#account-notice');
    if (await notice.count()) throw new ChangeRejectedError('account-not-found', (await notice.innerText()).trim());
    await requireElement(this.page, '#change-form');
  }

  async fill(field: CustomerChangeField, value: string, remark: string): Promise<void> {
    await (await requireElement(this.page, `#f-${field}`)).fill(value);
    await (await requireElement(this.page, '#f-remark')).fill(remark);
  }

  /** Everything on the form that names the customer, except the field being changed: masked in screenshots. */
  personalData(changing: CustomerChangeField): Locator[] {
    const others = CUSTOMER_CHANGE_FIELDS.filter((f) => f !== changing).map((f) => this.page.locator(`#f-${f}`));
    return [...others, this.page.locator('#account-info td'), this.page.locator('#account-no'), this.page.locator('.top span')];
  }

  /** 提交申请 → the dialog → 确定, and what the portal answered. Transient answers throw (the step retries). */
  async submit(): Promise<SubmitAnswer> {
    await (await requireElement(this.page, '#submit-change')).click();
    const ok = this.page.locator('#confirm-dialog #confirm-ok');
    try {
      await ok.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      throw new LayoutError('#confirm-dialog #confirm-ok', this.page.url(), 'no confirmation dialog after 提交申请');
    }
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/submit'), { timeout: SUBMIT_ANSWER_MS }),
      ok.click(),
    ]);
    await this.page.waitForLoadState('domcontentloaded', { timeout: SUBMIT_ANSWER_MS });
    classifyStatus({ url: response.url(), status: response.status(), retryAfter: response.headers()['retry-after'] });
    const loginShown = (await this.ctx.portal.isLoginPage?.(this.page)) ?? false;
    classifyContent(this.page.url(), { loginShown, title: await this.page.title() });
    return this.answer(response.status());
  }

  private async answer(status: number): Promise<SubmitAnswer> {
    const requestNo = this.page.locator('#request-no');
    if (await requestNo.count()) return { kind: 'filed', requestNo: (await requestNo.innerText()).trim() };
    const duplicate = this.page.locator('#duplicate-request');
    if (await duplicate.count()) {
      return { kind: 'duplicate', requestNo: (await duplicate.getAttribute('data-request-no')) ?? '', message: (await duplicate.innerText()).trim() };
    }
    const errors = await this.page.locator('#form-errors li').allInnerTexts();
    if (errors.length) return { kind: 'refused', error: new ChangeRejectedError('validation', errors.map((e) => e.trim()).join('\n')) };
    const notice = this.page.locator('#account-notice');
    if (await notice.count()) return { kind: 'refused', error: new ChangeRejectedError('account-not-found', (await notice.innerText()).trim()) };
    // Anything else (a return code we do not know, a 403): never retried blindly, its text kept.
    const reject = this.page.locator('#reject-message');
    const text = (await reject.count()) ? await reject.innerText() : await this.page.locator('body').innerText();
    return { kind: 'refused', error: new ChangeRejectedError('rejected', `${status === 200 ? '' : `HTTP ${status}: `}${text.trim().slice(0, 500)}`) };
  }
}
