import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The stack's callback and logout URLs are on http://localhost:3000: serve there or not at all.
export default defineConfig({
  plugins: [react()],
  server: { host: 'localhost', port: 3000, strictPort: true },
  preview: { host: 'localhost', port: 3000, strictPort: true },
});
