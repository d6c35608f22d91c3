/**
 * Build of the web app. Besides the React bundle it ships the precompiled form validators that
 * `npm run build:forms` writes to `forms/generated/<formId>.v<N>.js` as static files under
 * `validators/<formId>/v<N>.js`, the URL scheme the platform also uses for versions published at run time.
 * The app loads them with a dynamic `import()` of that URL, so nothing is compiled in the browser.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const generated = join(here, '..', 'forms', 'generated');
const VALIDATOR_FILE = /^(?<formId>[a-z0-9][a-z0-9-]*)\.v(?<version>\d+)\.js$/;

/** The generated validator modules of the repository's forms: `validators/<formId>/v<N>.js` → source path. */
function validatorFiles(): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(generated)) return files;
  for (const name of readdirSync(generated)) {
    const match = VALIDATOR_FILE.exec(name);
    if (!match?.groups || match.groups.formId?.startsWith('_')) continue;
    files.set(`validators/${match.groups.formId}/v${match.groups.version}.js`, join(generated, name));
  }
  return files;
}

function precompiledValidators(): Plugin {
  return {
    name: 'pakt-precompiled-validators',
    generateBundle() {
      for (const [fileName, source] of validatorFiles()) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(source, 'utf8') });
      }
    },
    configureServer(server) {
      // The dev server serves the same files, so `vite` alone behaves like the built app.
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]?.replace(/^\//, '') ?? '';
        const source = validatorFiles().get(path);
        if (!source) return next();
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.end(readFileSync(source, 'utf8'));
      });
    },
  };
}

/** The font files the first paint needs, by the start of their name (the body text's weight). */
const FIRST_PAINT_FONTS = [/^assets\/FiraSans-Regular-[\w-]+\.woff2$/];

/**
 * Preloads the body text's font with the page, so the text is laid out once in its own font instead of first
 * in a fallback whose other widths wrap lines differently and then move the page when the font arrives.
 */
function preloadFonts(): Plugin {
  return {
    name: 'pakt-preload-fonts',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const files = Object.keys(context.bundle ?? {}).filter((f) =>
          FIRST_PAINT_FONTS.some((p) => p.test(f)),
        );
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `/${file}`, as: 'font', type: 'font/woff2', crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// During `vite` development the API runs separately (the local platform); point at it with PAKT_API.
const api = process.env.PAKT_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompiledValidators(), preloadFonts()],
  resolve: {
    alias: [{ find: /^markdown-to-jsx(\/react)?$/, replacement: join(here, 'src/forms/plain-markdown.tsx') }],
  },
  build: {
    outDir: join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // No inline module-preload polyfill: the page runs under `script-src 'self'`.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': api,
      '/local': api,
      '/config.json': api,
    },
  },
});
