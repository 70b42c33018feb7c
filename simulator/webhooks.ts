export interface DeliveryResult {
  httpStatus: number | null;
  error: string | null;
}

/**
 * POSTs one webhook body. Only the Authorization value the merchant chose goes with it: the
 * provider signs nothing. Redirects are not followed (a 3xx is "not 200", so it is retried).
 */
export async function deliverWebhook(
  target: { endpoint_url: string; authorization_header: string },
  body: unknown,
  timeoutMs: number,
  closing: AbortSignal,
): Promise<DeliveryResult> {
  try {
    const response = await fetch(target.endpoint_url, {
      method: "POST",
      headers: { authorization: target.authorization_header, "content-type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing]),
    });
    await response.arrayBuffer().catch(() => undefined); // drain, so the connection can be reused
    return { httpStatus: response.status, error: null };
  } catch (error) {
    const err = error as Error & { cause?: { code?: string; message?: string } };
    if (err.name === "TimeoutError") return { httpStatus: null, error: `no answer within ${timeoutMs} ms` };
    const cause = err.cause?.code ?? err.cause?.message;
    return { httpStatus: null, error: cause ? `${err.message}: ${cause}` : err.message };
  }
}
