// The console's build (docs/console.md): Element Plus components and their styles are imported per
// use by unplugin-vue-components, so the first load carries only what the login and the shell draw.
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Reported by the build: the budget is 400 KB gzipped for the first load.
    reportCompressedSize: true,
  },
  // `npm run dev:web` proxies the API of a running `npm start` (same origin in the browser, as served).
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
