import { z } from 'zod'
import { invalidParameter, missingParameter } from '../api/errors'

const jsonObjectSchema = z.record(z.string(), z.unknown())

/**
 * Typed access to an action's request params with the gateway's errors: a missing required param
 * is `Missing<Name>`, a malformed one `InvalidParameter`. Empty strings count as absent, because
 * SDKs send empty optional fields that way.
 */
export class ActionParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  optionalString(name: string): string | undefined {
    const value = this.values.get(name)
    return value === undefined || value.trim() === '' ? undefined : value.trim()
  }

  requiredString(name: string): string {
    const value = this.optionalString(name)
    if (value === undefined) throw missingParameter(name)
    return value
  }

  /** A comma-separated list with blanks dropped; undefined when the param is absent. */
  list(name: string): string[] | undefined {
    const value = this.optionalString(name)
    if (value === undefined) return undefined
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
  }

  integer(name: string, fallback: number, bounds: { min?: number; max?: number } = {}): number {
    const value = this.optionalString(name)
    if (value === undefined) return fallback
    if (!/^-?\d+$/.test(value)) throw invalidParameter(name)
    const parsed = Number(value)
    if (!Number.isSafeInteger(parsed)) throw invalidParameter(name)
    if (bounds.min !== undefined && parsed < bounds.min) throw invalidParameter(name)
    if (bounds.max !== undefined && parsed > bounds.max) throw invalidParameter(name)
    return parsed
  }

  /** One of `allowed`, compared case-insensitively; returns the canonical spelling. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optionalString(name)
    if (value === undefined) return fallback
    const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase())
    if (match === undefined) throw invalidParameter(name)
    return match
  }

  /** A JSON object param (PlayConfig, ReAuthInfo). */
  jsonObject(name: string): Record<string, unknown> | undefined {
    const value = this.optionalString(name)
    if (value === undefined) return undefined
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      throw invalidParameter(name)
    }
    const object = jsonObjectSchema.safeParse(parsed)
    if (!object.success) throw invalidParameter(name)
    return object.data
  }
}
