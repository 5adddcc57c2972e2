import { defineConfig } from 'vite';

// The build goes into the server project, which compiles it into its assembly; `npm run dev` proxies the API
// to a server started with `qingshui demo` (default HTTP port 8080).
export default defineConfig({
  base: '/',
  build: {
    outDir: '../Qingshui.Server/wwwroot',
    emptyOutDir: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
