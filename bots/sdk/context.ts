import { setMaxListeners } from 'node:events';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { Logger } from 'pino';
import type { PortalDefinition } from './define-portal';
import type { PortalSession } from './portal-session';
import { applyStorageState } from './portal-session';
import type { Evidence } from './evidence';
import { busyTextOf, classifyContent, classifyStatus } from './classify-answer';
import { isRetryable, JobCancelledError, LayoutError, PortalError, SessionExpiredError, throwIfCancelled } from './errors';
import { scrubTraceFile } from './scrub';
import { backoffMs, DEFAULT_RETRY, sleep, untilCancelled, type RetryPolicy } from './retry';

/** What a bot's `run` gets: a logged-in page, retrying steps, evidence, progress, cancellation. */
export interface BotContext {
  readonly botId: string;
  readonly baseUrl: string;
  /** The portal the bot reads: readers that do not render classify answers by its login form and busy text. */
  readonly portal: PortalDefinition;
  /** The run folder: inputs a job staged for this bot are read relative to it. */
  readonly runDir: string;
  readonly log: Logger;
  readonly evidence: Evidence;
  /**
   * The job's cancellation (BullMQ's abort signal, `opsbot runs cancel`). `step`, `goto` and the
   * runtime's record loop already stop on it; a bot checks it only where it waits outside a step
   * (e.g. pass it to `sleep`). Its `reason` is a JobCancelledError.
   */
  readonly signal: AbortSignal;
  /** The job's page, logged in (the same page across calls; pages are reused across items). */
  page(): Promise<Page>;
  /** A further page in the same logged-in context, for bots that work items in parallel. */
  newPage(): Promise<Page>;
  /**
   * Runs one step with the runtime's policy, by the error's type (errors/is-retryable.ts):
   * SessionExpiredError → log in again and retry; other retryable errors (PortalError, timeouts,
   * socket errors, 5xx/429) → backoff with jitter honouring Retry-After; LayoutError → evidence,
   * then fail at once; anything else fails the step. A cancelled job stops before the step, and a
   * step under way ends at once with JobCancelledError (its page is closed with the context).
   */
  step<T>(name: string, fn: (page: Page) => Promise<T>, page?: Page): Promise<T>;
  /**
   * A step that needs no page: a read over HTTP (the SDK's HttpReader). Retried by the same policy
   * as `step`; a LayoutError fails at once with no screenshot (the read's kept bytes are its
   * evidence); a SessionExpiredError logs in again first. The browser is not started for it.
   */
  read<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Navigates and classifies the answer: 5xx/429/busy → PortalError, login page/401 →
   * SessionExpiredError; a navigation the portal never answered (refused, reset) → PortalError.
   */
  goto(page: Page, url: string): Promise<Response | null>;
  /** The total the portal states; the runtime compares it with the records yielded. */
  expectTotal(total: number): void;
  progress(done: number, total?: number): void;
}

/** Parallel steps and waits a job may have on its signal (the registry bot: up to 64 lookups in flight, each in a step and maybe a pacer wait). */
const MAX_SIGNAL_LISTENERS = 256;

export interface ContextDeps {
  botId: string;
  runDir: string;
  /** Started on first need: a bot that only reads over HTTP from a public portal never starts it. */
  browser: () => Promise<Browser>;
  session: PortalSession;
  log: Logger;
  evidence: Evidence;
  signal: AbortSignal;
  retry?: RetryPolicy;
  onProgress?: (done: number, total?: number) => void;
  /** Record a Playwright trace per step, kept (scrubbed of secrets) only for a failed step. Default on. */
  trace?: boolean;
  /** Passwords and other values that must never reach an evidence file. */
  secrets?: () => string[];
}

export class RuntimeBotContext implements BotContext {
  expectedTotal: number | undefined;
  private context: BrowserContext | undefined;
  /** The browser once asked for (navigationFailure asks whether it is still up). */
  private browser: Browser | undefined;
  private tracingStarted = false;
  private mainPage: Page | undefined;
  private currentState: Awaited<ReturnType<PortalSession['storageState']>> | undefined;
  private readonly retry: RetryPolicy;

  constructor(private readonly deps: ContextDeps) {
    // Every step in flight and every wait for a rate-limit slot listens to the job's signal: a bot
    // with 8 lookups in flight passes Node's default of 10 (a "possible memory leak" warning on the
    // operator's console) without leaking anything. Listeners are removed when each wait ends.
    setMaxListeners(MAX_SIGNAL_LISTENERS, this.signal);
    this.retry = deps.retry ?? DEFAULT_RETRY;
  }

  // BotContext's read-only fields, read from what the runtime handed in rather than copied into
  // fields of their own (the interface above says what each one is).
  get botId(): string { return this.deps.botId; }
  get baseUrl(): string { return this.deps.session.baseUrl; }
  get portal(): PortalDefinition { return this.deps.session.portal; }
  get runDir(): string { return this.deps.runDir; }
  get log(): Logger { return this.deps.log; }
  get evidence(): Evidence { return this.deps.evidence; }
  get signal(): AbortSignal { return this.deps.signal; }

  private async ensureContext(): Promise<BrowserContext> {
    if (this.context) return this.context;
    const browser = await this.startedBrowser();
    this.currentState = await this.deps.session.storageState(browser);
    const context = await browser.newContext({ baseURL: this.baseUrl, storageState: this.currentState });
    // Cancelled while it was being made (a step does not wait for this): run-bot has closed or
    // is closing this job's context, so this one would be left open on the shared browser.
    if (this.signal.aborted) {
      await context.close().catch(() => undefined);
      throw JobCancelledError.of(this.signal);
    }
    this.tracingStarted = false;
    if (this.deps.session.portal.blockResources) {
      await context.route('**/*', (route) =>
        ['image', 'font', 'media'].includes(route.request().resourceType()) ? route.abort() : route.continue(),
      );
    }
    this.context = context;
    return context;
  }

  private async startedBrowser(): Promise<Browser> {
    this.browser ??= await this.deps.browser();
    return this.browser;
  }

  async page(): Promise<Page> {
    if (this.mainPage && !this.mainPage.isClosed()) return this.mainPage;
    this.mainPage = await (await this.ensureContext()).newPage();
    return this.mainPage;
  }

  async newPage(): Promise<Page> {
    return (await this.ensureContext()).newPage();
  }

  expectTotal(total: number): void {
    this.expectedTotal = total;
  }

  progress(done: number, total?: number): void {
    this.deps.onProgress?.(done, total);
  }

  async goto(page: Page, url: string): Promise<Response | null> {
    throwIfCancelled(this.signal);
    let response: Response | null;
    try {
      response = await page.goto(url, { waitUntil: 'domcontentloaded' });
    } catch (err) {
      throw this.navigationFailure(err, page, url);
    }
    await this.classify(page, response);
    return response;
  }

  /**
   * What a failed `page.goto` means. Playwright gives a failed navigation no type or code of its
   * own (only text such as `net::ERR_CONNECTION_REFUSED`), so it is judged by what was alive: with
   * the page and browser still up and no cancellation, the portal did not answer — a PortalError,
   * retried. A timeout keeps its own (retryable) type; a closed page or browser is not the
   * portal's fault and is left as it is (the job is retried on a fresh browser).
   */
  private navigationFailure(err: unknown, page: Page, url: string): unknown {
    if (this.signal.aborted) return JobCancelledError.of(this.signal);
    if (isRetryable(err) || !(err instanceof Error) || page.isClosed() || !this.browser?.isConnected()) return err;
    return new PortalError(`${url}: the portal did not answer (${err.message.split('\n')[0]})`, undefined, undefined, { cause: err });
  }

  /** Turns what the portal answered into the error that says what to do about it (see classify-answer.ts). */
  async classify(page: Page, response: Response | null): Promise<void> {
    classifyStatus({ url: page.url(), status: response?.status() ?? 200, retryAfter: response?.headers()['retry-after'] });
    const portal = this.deps.session.portal;
    // Read one at a time, as before: most pages are neither, and the title costs a round trip.
    if (portal.isLoginPage && (await portal.isLoginPage(page))) classifyContent(page.url(), { loginShown: true, title: '' });
    classifyContent(page.url(), { loginShown: false, title: await page.title().catch(() => '') }, busyTextOf(portal));
  }

  async step<T>(name: string, fn: (page: Page) => Promise<T>, onPage?: Page): Promise<T> {
    return this.retried(name, async () => {
      // The first step logs in (slow on a slow portal): a cancellation does not wait for it.
      const page = onPage ?? (await untilCancelled(this.page(), this.signal));
      const tracing = this.deps.trace !== false && !onPage;
      if (tracing && !this.tracingStarted) {
        // Started on the first traced step, not with the context: tracing records screenshots of
        // every page of the context, and bots whose steps all run on their own pages (onPage,
        // never traced) paid for it on every page load (registry lookups: ~25 % of their time,
        // docs/benchmarks.md). No screencast: a failed step's evidence already has its own
        // full-page screenshot, and the trace's DOM snapshots show every action; the screencast
        // cost ~25 % of the daily report's extraction time.
        await this.context!.tracing.start({ screenshots: false, snapshots: true });
        this.tracingStarted = true;
      }
      if (tracing) await this.context!.tracing.startChunk({ title: name });
      try {
        const result = await untilCancelled(fn(page), this.signal);
        if (tracing) await this.context!.tracing.stopChunk();
        return result;
      } catch (err) {
        // Cancelled: no evidence; the context (and its trace) is closed by run-bot.
        if (this.signal.aborted) throw err;
        const trace = tracing ? await this.saveTrace(name, err instanceof LayoutError) : undefined;
        if (err instanceof LayoutError) {
          err.evidence = await this.evidence.capture(page, `layout-${name}`).catch(() => []);
          if (trace) err.evidence.push(trace);
        }
        throw err;
      }
    });
  }

  read<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.retried(name, () => untilCancelled(fn(), this.signal));
  }

  /** One attempt after another by the runtime's policy (see BotContext.step). */
  private async retried<T>(name: string, attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      throwIfCancelled(this.signal);
      try {
        return await attempt();
      } catch (err) {
        // Cancelled: no evidence, no retry.
        if (this.signal.aborted) throw JobCancelledError.of(this.signal);
        if (err instanceof LayoutError) {
          this.log.error({ step: name, selector: err.selector, url: err.pageUrl, evidence: err.evidence }, err.message);
          throw err;
        }
        if (tries + 1 >= this.retry.attempts) throw err;
        if (err instanceof SessionExpiredError) {
          // Handled here, as a busy portal below is: info, in the log file, not a warning on the
          // operator's console. What is not recovered fails the job, and the worker warns of that.
          this.log.info({ step: name }, 'session expired; logging in again');
          this.currentState = await this.deps.session.renew(await this.startedBrowser(), this.currentState);
          await applyStorageState(await this.ensureContext(), this.currentState);
          continue;
        }
        if (!isRetryable(err)) throw err;
        const wait = backoffMs(tries, this.retry, err instanceof PortalError ? err.retryAfterMs : 0);
        this.log.info({ step: name, attempt: tries + 1, waitMs: wait, err: (err as Error).message }, 'portal fault; retrying');
        await sleep(wait, this.signal);
      }
    }
  }

  /** Ends the step's trace chunk; keeps it as evidence (scrubbed of secrets) when asked. */
  private async saveTrace(name: string, keep: boolean): Promise<string | undefined> {
    const context = this.context!;
    if (!keep) {
      await context.tracing.stopChunk().catch(() => undefined);
      return undefined;
    }
    const file = await this.evidence.tracePath(`layout-${name}`);
    try {
      await context.tracing.stopChunk({ path: file });
      await scrubTraceFile(file, await this.secretValues());
      return this.evidence.relative(file);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'could not save the trace');
      return undefined;
    }
  }

  /** Every value that must not reach evidence: configured secrets and this context's cookies. */
  async secretValues(): Promise<string[]> {
    const cookies = this.context ? (await this.context.cookies().catch(() => [])).map((c) => c.value) : [];
    return [...(this.deps.secrets?.() ?? []), ...cookies];
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    this.context = undefined;
    this.mainPage = undefined;
  }
}
