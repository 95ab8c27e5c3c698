/** The number of records read differs from the total the portal states: never a silent partial result. */
export class IncompleteExtractionError extends Error {
  override name = 'IncompleteExtractionError';
  constructor(readonly botId: string, readonly expected: number, readonly actual: number) {
    super(`${botId}: read ${actual} records but the portal states ${expected}`);
  }
}
