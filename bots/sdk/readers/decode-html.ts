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

/** One decoder per charset label (decode() without `stream` keeps no state between calls): making one per page was a measurable share of a read. */
const decoders = new Map<string, TextDecoder>();

function decoderFor(label: string): TextDecoder {
  const kept = decoders.get(label);
  if (kept) return kept;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // A label TextDecoder does not know: UTF-8, as a browser falls back (and the label is not kept).
    return decoderFor('utf-8');
  }
  decoders.set(label, decoder);
  return decoder;
}

function decodeWith(bytes: Uint8Array, charset: string | undefined): string {
  return decoderFor((charset ?? 'utf-8').toLowerCase()).decode(bytes);
}
