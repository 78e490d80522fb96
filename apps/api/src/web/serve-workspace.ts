import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Where `npm run build` puts the workspace (apps/web, built by Vite into dist/web): beside the compiled API, or,
 * when the API runs from its TypeScript sources (tests), in the repository's dist/.
 */
export function workspaceDirectory(): string | null {
  const candidates = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the analyst's workspace (docs/workspace.md) from the API: its page at `/` and at every `/app/...` path
 * (client routes: a reload or a shared link opens the same view), its hashed files under `/app/assets/`. No API
 * route starts with `/app` and `/` had none, so every API path, `/docs` included, answers as before. Static files
 * need no token: the page holds no data, and every figure it shows comes from the API with the reader's token.
 *
 * Express's own static middleware (serve-static, which Nest's useStaticAssets wraps) rather than
 * @nestjs/serve-static: the fallback must cover `/` and `/app/*` only, so unknown API paths keep their JSON 404s.
 */
export function serveWorkspace(app: NestExpressApplication): void {
  const dir = workspaceDirectory();
  if (!dir) {
    app.use('/', (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path !== '/') {
        next();
        return;
      }
      res
        .status(404)
        .type('text/plain')
        .send('The workspace is not built: run `npm run build` (it builds apps/web into dist/web).\n');
    });
    return;
  }
  // Hashed names: a file's content never changes under its name, so browsers may keep it for a year.
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/app/assets/', immutable: true, maxAge: '365d', index: false });
  const page = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    if (req.path !== '/' && req.path !== '/app' && !req.path.startsWith('/app/')) {
      next();
      return;
    }
    if (req.path.startsWith('/app/assets/')) {
      next();
      return;
    } // a file that is not there: the API's own 404
    res.setHeader('Cache-Control', 'no-cache'); // always the page of the API being talked to, after an upgrade too
    res.sendFile(page);
  });
}
