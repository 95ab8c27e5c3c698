import { describe, expect, it } from 'vitest';
import { ProgressView, type ProgressStream } from '../../../scripts/cli/progress';

function stream(isTTY: boolean): ProgressStream & { text: () => string } {
  let text = '';
  return { isTTY, columns: 200, write: (s: string | Uint8Array) => ((text += String(s)), true), text: () => text };
}

describe('the CLI progress view', () => {
  it('off a terminal: a line per quarter, again when the total changes, and the stored count at the end', () => {
    const out = stream(false);
    const view = new ProgressView(out);
    view.progress('aml.alerts', { done: 74, total: 74 });
    view.progress('aml.alerts', { done: 90, total: 105 });
    view.progress('aml.alerts', { done: 105, total: 105 });
    view.completed('aml.alerts', 105);
    expect(out.text().split('\n').filter(Boolean)).toEqual(['aml.alerts: 74 / 74', 'aml.alerts: 90 / 105', 'aml.alerts: 105 / 105', 'aml.alerts: done, 105 records']);
  });

  it('off a terminal: quarters only, not every page', () => {
    const out = stream(false);
    const view = new ProgressView(out);
    for (let done = 10; done <= 100; done += 10) view.progress('queue.tickets', { done, total: 100 });
    expect(out.text().split('\n').filter(Boolean)).toEqual(['queue.tickets: 10 / 100', 'queue.tickets: 30 / 100', 'queue.tickets: 50 / 100', 'queue.tickets: 80 / 100', 'queue.tickets: 100 / 100']);
  });

  it('on a terminal: the bots at work on one line rewritten in place, a line of its own for each bot done', () => {
    const out = stream(true);
    const view = new ProgressView(out);
    view.progress('aml.alerts', { done: 74, total: 105 });
    view.progress('devices.inspections', { done: 5, total: 18 });
    view.completed('aml.alerts', 105);
    const frames = out.text().split('\r\x1b[K');
    expect(frames.at(-2)).toBe('aml.alerts: done, 105 records\n');
    expect(frames.at(-1)).toBe('devices.inspections 5/18');
    view.completed('devices.inspections', 18);
    view.end();
    // What the terminal finally shows: the finished bots, each on its own line, and no live line.
    const screen = out.text().split('\n').map((l) => l.split('\r\x1b[K').at(-1)).filter(Boolean);
    expect(screen).toEqual(['aml.alerts: done, 105 records', 'devices.inspections: done, 18 records']);
  });

  it('on a terminal of unknown width (0 columns) still shows the line', () => {
    const out = { ...stream(true), columns: 0 };
    new ProgressView(out).progress('queue.tickets', { done: 50, total: 190 });
    expect(out.text()).toBe('\r\x1b[Kqueue.tickets 50/190');
  });
});
