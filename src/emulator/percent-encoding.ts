/**
 * RFC 3986 percent-encoding as Alibaba Cloud signs it: only `A–Z a–z 0–9 - _ . ~` stay as they
 * are; everything else becomes `%XY` of its UTF-8 bytes (space → `%20`, `*` → `%2A`).
 * Both signature schemes and the SDKs use exactly this, so the server must re-encode decoded
 * values with it rather than trust the transport encoding (Tea leaves `!'()*` unescaped).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}
