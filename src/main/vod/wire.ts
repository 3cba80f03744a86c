import { z } from 'zod'

/**
 * zod building blocks for VOD JSON. The real API follows the SDK model types, but the SDK's own
 * cast tolerates a number where a string is declared and a numeric string where a number is
 * declared; we accept the same, and nothing looser. Structure (object vs array, wrapped vs bare
 * arrays) is checked strictly, exactly like the SDK cast.
 */

/** A string field; a JSON number is accepted and turned into its decimal text. */
export const wireString = z.union([z.string(), z.number()]).transform((value) => String(value))

/** A number field; a numeric JSON string is accepted and converted. */
export const wireNumber = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'expected a number')
    .transform(Number),
])

/** The gateway sends `null` or `""` for some unset fields; both mean "absent". */
function absentWhenEmpty(value: unknown): unknown {
  return value === null || value === '' ? undefined : value
}

/** An optional field of the given shape, with `null` and `""` read as absent. */
export function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(absentWhenEmpty, schema.optional())
}

/** An optional array; a missing or null array reads as empty, a non-array fails. */
export function optionalArray<Schema extends z.ZodType>(item: Schema) {
  return z.preprocess(
    (value) => (value === null || value === undefined ? [] : value),
    z.array(item),
  )
}

/**
 * A number the SDK declares as a string (`Bitrate: "450.878"`, `Duration: "9.0464"`). Read
 * leniently: text that is not a plain number becomes absent rather than failing the reply.
 */
export const lenientNumber = z.preprocess(
  absentWhenEmpty,
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((value) => {
      const number = typeof value === 'string' ? Number(value.trim()) : value
      return number === undefined || Number.isNaN(number) ? undefined : number
    }),
)
