/**
 * POSTs JSON to a webhook with an `Idempotency-Key` header (receivers that honour it drop repeats)
 * and a timeout. A non-2xx answer is an error, so the caller's retry tries again.
 */
export async function postWebhook(url: string, body: unknown, idempotencyKey: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`webhook ${new URL(url).origin} answered HTTP ${res.status}`);
  return { status: res.status };
}
