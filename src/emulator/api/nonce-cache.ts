/**
 * Remembers signature nonces for the replay window. The gateway rejects a nonce seen within the
 * last 15 minutes with `SignatureNonceUsed`; older entries are forgotten so memory stays bounded
 * by the request rate, not by the emulator's uptime.
 */
export class NonceCache {
  /** Insertion-ordered, so the oldest entries are at the front. */
  private readonly seen = new Map<string, number>()

  constructor(private readonly windowMs: number) {}

  /** Records the nonce; false when it was already used within the window. */
  register(nonce: string, now: number): boolean {
    this.forgetOlderThan(now - this.windowMs)
    if (this.seen.has(nonce)) return false
    this.seen.set(nonce, now)
    return true
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [nonce, seenAt] of this.seen) {
      if (seenAt >= cutoff) break
      this.seen.delete(nonce)
    }
  }
}
