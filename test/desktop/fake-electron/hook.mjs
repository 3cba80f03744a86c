// Loaded with `node --import` before the composition-root driver: every `import ... from 'electron'`
// resolves to the hand-written fake next to this file instead of the real (absent) binary.
import { register } from 'node:module'

const fake = new URL('./electron.mjs', import.meta.url).href
register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(fake)}, shortCircuit: true }
  return next(specifier, context)
}`)}`,
)
