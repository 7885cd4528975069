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
    build: {
      // electron-vite leaves the renderer unminified; minified, react-dom and recharts are a third the size.
      minify: true,
      rolldownOptions: {
        input: { index: resolve('src/renderer/index.html') },
        // Pages are lazy chunks (routes.tsx); libraries get chunks of their own so a page's chunk holds only
        // its code, and recharts (with its d3 and redux helpers) loads only when the dashboard does.
        output: {
          codeSplitting: {
            groups: [
              { name: 'recharts', test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|@reduxjs|immer|reselect|react-redux|redux|es-toolkit|decimal\.js-light|eventemitter3|internmap)[\\/]/, priority: 2 },
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 }
            ]
          }
        }
      }
    },
    plugins: [react()]
  }
})
