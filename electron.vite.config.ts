import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { contentSecurityPolicyPlugin } from './scripts/content-security-policy-plugin'

// Three bundles: the Electron main process (a thin shell over the same services
// the headless host uses), the sandboxed preload, and the React renderer.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/index.ts') },
        // Loaded from node_modules at run time: the native binding, and electron-updater, which
        // an installed app loads on demand (electron-builder packages both as dependencies).
        external: ['better-sqlite3', 'electron-updater'],
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    // The built index.html is loaded from file://, where its meta tag is the policy in force.
    plugins: [react(), contentSecurityPolicyPlugin()],
  },
})
