/** The engine's log sink. Lines must never contain secrets (URLs are logged redacted). */
export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

const secretParameters =
  /([?&](?:Signature|OSSAccessKeyId|auth_key|security-token|x-oss-signature|x-oss-credential|x-oss-security-token|MtsHlsUriToken|SecurityToken|AccessKeyId|token|sign)=)[^&#]*/gi

/** A URL fit for logs: host and path, signature-bearing query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(secretParameters, '$1…')
}
