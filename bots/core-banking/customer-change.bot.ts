import type { Page } from 'playwright-core';
import { CUSTOMER_CHANGE_LABELS } from '../records';
import { defineBot, NonRetryableError, type BotContext } from '../sdk';
import { caseRemark, caseToken } from './customer-change/case-remark';
import { CustomerChangeInput, CustomerChangeResult } from './customer-change/change-input';
import { ChangeRejectedError } from './customer-change/change-rejected-error';
import { keepAnswer, maskedScreenshot } from './customer-change/masked-screenshot';
import { CustomerChangePage } from './pages/customer-change.page';
import { PendingChangesPage } from './pages/pending-changes.page';
import { coreBankingPortal } from './portal';
import { menuLink } from './read-list';

/**
 * 对公客户信息变更申请: writes one field of a corporate account back into core banking. Writing,
 * so it is careful in three ways (docs/developer-guide.md, "Writing bots"):
 * - `dry-run` fills the form and screenshots it, never clicking 提交申请;
 * - `submit` needs the checker's approval id in its input (refused at input validation without it);
 * - before filing, and again after any doubt (a retried step, a duplicate-guard answer), it searches
 *   the requests (pending and processed) for the case's remark token and returns that request
 *   instead of filing a second one. The search and the submit are one step, so every retry searches first.
 * The portal's refusals are ChangeRejectedError (never retried), with the portal's own words.
 */
export default defineBot({
  id: 'core-banking.customer-change',
  title: '对公客户信息变更申请',
  version: '1.0.0',
  portal: coreBankingPortal,
  input: CustomerChangeInput,
  record: CustomerChangeResult,
  async *run(ctx, input) {
    const path = await menuLink(ctx, '对公客户信息变更申请');
    if (input.mode === 'dry-run') {
      const { screenshot } = await ctx.step('dry-run', (page) => fillForm(ctx, page, path, input, 'dry-run'));
      yield { screenshot };
      return;
    }
    if (!input.approvalId) throw new NonRetryableError(`${ctx.botId}: submit without an approval id`);
    yield await ctx.step('submit', (page) => submitOnce(ctx, page, path, input));
  },
});

type Input = CustomerChangeInput;

/** Opens the account, fills the field and the remark, and screenshots the form with the rest masked. */
async function fillForm(ctx: BotContext, page: Page, path: string, input: Input, shot: string): Promise<{ screenshot: string; form: CustomerChangePage }> {
  const form = new CustomerChangePage(ctx, page, path);
  await form.open(input.accountNo);
  await form.fill(input.field, input.newValue, caseRemark(input.caseId, input.approvalId));
  const screenshot = await maskedScreenshot(ctx, page, `case-${input.caseId}-${shot}`, form.personalData(input.field));
  ctx.log.info({ caseId: input.caseId, field: input.field, mode: input.mode }, `filled ${CUSTOMER_CHANGE_LABELS[input.field]}`);
  return { screenshot, form };
}

/** The request already pending for this case, with a screenshot of the list that shows it. */
async function pendingFor(ctx: BotContext, page: Page, path: string, input: Input): Promise<CustomerChangeResult | undefined> {
  const list = new PendingChangesPage(ctx, page, `${path}/pending`);
  const found = (await list.search(caseToken(input.caseId))).filter((r) => r.remark.includes(caseToken(input.caseId)) && r.accountNo === input.accountNo);
  if (!found.length) return undefined;
  const screenshot = await maskedScreenshot(ctx, page, `case-${input.caseId}-existing`, await list.personalData());
  ctx.log.info({ caseId: input.caseId, requestNo: found[0]!.requestNo }, 'a request for this case is already pending; not filing another');
  return { screenshot, requestNo: found[0]!.requestNo, existing: true };
}

async function submitOnce(ctx: BotContext, page: Page, path: string, input: Input): Promise<CustomerChangeResult> {
  const earlier = await pendingFor(ctx, page, path, input);
  if (earlier) return earlier;
  const { screenshot, form } = await fillForm(ctx, page, path, input, 'submit');
  const answer = await form.submit();
  if (answer.kind === 'filed') {
    ctx.log.info({ caseId: input.caseId, requestNo: answer.requestNo }, 'change request filed');
    return { screenshot, requestNo: answer.requestNo };
  }
  if (answer.kind === 'duplicate') {
    // Another run for this case got there first (two submits at once): its request is ours.
    const mine = await pendingFor(ctx, page, path, input);
    if (mine) return mine;
    throw await withEvidence(ctx, page, input, new ChangeRejectedError('duplicate', answer.message), form);
  }
  throw await withEvidence(ctx, page, input, answer.error, form);
}

async function withEvidence(ctx: BotContext, page: Page, input: Input, err: ChangeRejectedError, form: CustomerChangePage): Promise<ChangeRejectedError> {
  err.evidence = await keepAnswer(ctx, page, `case-${input.caseId}-${err.kind}`, form.personalData(input.field)).catch(() => []);
  ctx.log.warn({ caseId: input.caseId, kind: err.kind, evidence: err.evidence }, err.portalMessage);
  return err;
}
