/**
 * Bytes of an HTML answer → text, as a browser decodes them: the charset of the Content-Type
 * header, else of the document's `<meta>`, else UTF-8. Older bank portals answer in GBK.
 *
 * @example
 * decodeHtml(bytes, 'text/html; charset=GBK');   // '企业信用信息…'
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  return decodeWith(bytes, charsetOf(bytes, contentType));
}

/** The charset the answer declares (header first, then the first 2 KB's `<meta>`), if any. */
export function charsetOf(bytes: Uint8Array, contentType: string | null): string | undefined {
  const header = /charset=["']?([\w-]+)/iu.exec(contentType ?? '')?.[1];
  if (header) return header;
  // latin1 maps each byte to one character, so an ASCII `<meta>` is found in any encoding.
  return /<meta[^>]+charset=["']?([\w-]+)/iu.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)))?.[1];
}

function decodeWith(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    // A label TextDecoder does not know: UTF-8, as a browser falls back.
    return new TextDecoder('utf-8').decode(bytes);
  }
}
