/**
 * Input a person gave that cannot be taken (an unknown role, a taken name, a short password): the
 * message says what and why, for the CLI to print with exit 2 (its name is `InputError`) and the
 * web page to show.
 */
export class UserInputError extends Error {
  override readonly name = 'InputError';
}
