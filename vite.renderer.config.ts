import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { contentSecurityPolicyPlugin } from './scripts/content-security-policy-plugin'

// The renderer alone, for the headless host (and the browser e2e suite): the same React app the
// Electron window loads, built to out/renderer. Relative asset paths keep one build usable from
// the host's http://127.0.0.1 origin and from Electron's file:// page alike.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  // The Content-Security-Policy meta tag comes from the one builder, as in the desktop build.
  plugins: [react(), contentSecurityPolicyPlugin()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // One window, one bundle, loaded from localhost or disk: splitting it would gain nothing.
    chunkSizeWarningLimit: 1024,
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
  },
})
