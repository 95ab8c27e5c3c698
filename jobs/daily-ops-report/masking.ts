// Exception lists leave the bank's systems as files and e-mails, so personal data in them is masked.

/** An id number with only its first 6 and last 4 characters visible: 110105********002X. */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim();
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** A phone number with its first 3 and last 4 digits visible: 138****5678; null stays null. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const p = phone.trim();
  if (p.length <= 7) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}
