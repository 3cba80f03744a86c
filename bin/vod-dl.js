#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step), so `npx vod-dl` works right after `npm ci`.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
await main()
