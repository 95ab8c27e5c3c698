// GB 11643-1999: the 18th character of a resident id number is a check over the first 17 digits,
// weights 2^(17-i) mod 11, and the remainder maps to '10X98765432'.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Whether `idNumber` is a well-formed 18-character resident id with a correct check digit.
 * A lower-case 'x' is accepted as the check character: it is the same number, typed differently.
 *
 * @example isValidResidentId('11010519491231002X') // → true
 */
export function isValidResidentId(idNumber: string): boolean {
  const id = idNumber.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] === id[17];
}
