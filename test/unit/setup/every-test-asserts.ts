// A unit test that runs no assertion passes whatever the code does (a loop over an empty list, an
// expect behind an `if` that never holds). Each unit test must make at least one: vitest fails a
// test that made none, naming it. Count the cases a conditional check met and assert on the count.
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
