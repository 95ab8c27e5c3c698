// A page read without rendering it, parsed in Node with node-html-parser: what the readers that do
// not render (HTTP with the browser's session, in-page fetch) hand a bot, so that its parser picks
// out the same elements by the same selectors as its page objects on a rendered page.

import { NodeType, parse, type HTMLElement } from 'node-html-parser';
import { decodeHtml } from './decode-html';
import type { PageAnswer } from './page-answer';

/** An element's text, as `textContent` on a rendered page ('' for none). */
export const textOf = (el: HTMLElement | null | undefined): string => el?.textContent ?? '';

/**
 * A selector that starts with `#id` is answered from that element (a plain walk of the tree),
 * the rest of it by css-select inside it: the same elements as a whole-document query, at a
 * fraction of the cost (css-select tried every element of the page for every selector: half of
 * a registry lookup's CPU in Node).
 */
function scoped(root: HTMLElement, selector: string): { scope: HTMLElement | null; rest: string } {
  const id = /^#([\w-]+)(?:\s+(.+))?$/u.exec(selector);
  return id ? { scope: root.getElementById(id[1]!), rest: id[2] ?? '' } : { scope: root, rest: selector };
}

/**
 * The first element named `tagName` (upper case) in document order: what
 * `getElementsByTagName(tagName)[0]` gives, without walking the rest of the page (the title is
 * near its start; every read of a registry page asks for it to classify the page).
 */
function firstElement(root: HTMLElement, tagName: string): HTMLElement | undefined {
  for (const child of root.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const el = child as HTMLElement;
    if (el.tagName === tagName) return el;
    const found = firstElement(el, tagName);
    if (found) return found;
  }
  return undefined;
}

/** Every element named `tagName` (upper case), in document order, by a plain walk of the tree. */
function elementsNamed(root: HTMLElement, tagName: string, into: HTMLElement[]): HTMLElement[] {
  for (const child of root.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const el = child as HTMLElement;
    if (el.tagName === tagName) into.push(el);
    elementsNamed(el, tagName, into);
  }
  return into;
}

/**
 * @example
 * const doc = HtmlDocument.of(answer);
 * doc.title; doc.has('#no-result'); doc.all('#base-info tr').map((tr) => textOf(tr.querySelector('td')));
 */
export class HtmlDocument {
  private constructor(
    /** The URL that answered (after redirects). */
    readonly url: string,
    readonly status: number,
    readonly root: HTMLElement,
  ) {}

  static of(answer: Pick<PageAnswer, 'url' | 'status' | 'bytes' | 'contentType'>): HtmlDocument {
    return HtmlDocument.parse(decodeHtml(answer.bytes, answer.contentType), answer.url, answer.status);
  }

  static parse(html: string, url: string, status = 200): HtmlDocument {
    return new HtmlDocument(url, status, parse(html));
  }

  /** The first <title> in document order, as `document.title` before trimming; '' for none. */
  get title(): string {
    return textOf(firstElement(this.root, 'TITLE')).trim();
  }

  /**
   * Every element named `tag` ('link'), without the selector engine: for a question asked of every
   * page read (the stylesheets a kept page links), where compiling and matching a selector against
   * each element cost more than the walk.
   */
  byTag(tag: string): HTMLElement[] {
    return elementsNamed(this.root, tag.toUpperCase(), []);
  }

  one(selector: string): HTMLElement | null {
    const { scope, rest } = scoped(this.root, selector);
    return scope && rest ? scope.querySelector(rest) : scope;
  }

  all(selector: string): HTMLElement[] {
    const { scope, rest } = scoped(this.root, selector);
    if (!scope) return [];
    return rest ? scope.querySelectorAll(rest) : [scope];
  }

  has(selector: string): boolean {
    return this.one(selector) !== null;
  }
}
