/**
 * The URL without its password, for messages. Plain text work, not `new URL`: libpq's socket form
 * (`postgresql://user@/db?host=/run/postgresql`) is no WHATWG URL.
 */
export function withoutPassword(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!m) return '(unparsable DATABASE_URL)';
  const [, scheme, authority, rest] = m as unknown as [string, string, string, string];
  const at = authority.lastIndexOf('@');
  if (at < 0) return url;
  const user = authority.slice(0, at).split(':')[0];
  return `${scheme}${user}@${authority.slice(at + 1)}${rest}`;
}
