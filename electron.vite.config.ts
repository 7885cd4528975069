import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      // @react-pdf resolves fonts at run time, so it stays external like every dependency.
      externalizeDeps: true,
      rolldownOptions: {
        // render-worker: the PDF render processes forked by src/main/documents/pool.ts.
        input: { index: resolve('src/main/index.ts'), cli: resolve('src/cli/index.ts'), 'render-worker': resolve('src/main/documents/render-worker.ts') }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rolldownOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rolldownOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()]
  }
})
