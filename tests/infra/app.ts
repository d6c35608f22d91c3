import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HANDLER_GROUPS, type HandlerGroup } from '../../functions/routes.ts';
import { buildApp } from '../../infra/app.ts';

export const projectRoot = resolve(import.meta.dirname, '..', '..');

/**
 * Entry modules for the synth. Bundling is skipped, so their content is never read. The real
 * `functions/http/<group>.ts` when they all exist; otherwise placeholders in a scratch directory
 * (NodejsFunction insists that the entry exists and lies under the project root).
 */
function entryFiles(): Record<HandlerGroup, string> | undefined {
  const real = HANDLER_GROUPS.map((group) => join(projectRoot, 'functions', 'http', `${group}.ts`));
  if (real.every((file) => existsSync(file))) return undefined;
  const scratch = join(projectRoot, 'node_modules', '.cache');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'infra-entries-'));
  return Object.fromEntries(
    HANDLER_GROUPS.map((group) => {
      const file = join(dir, `${group}.ts`);
      writeFileSync(file, 'export const handler = async () => ({ statusCode: 204 });\n');
      return [group, file];
    }),
  ) as Record<HandlerGroup, string>;
}

/** A built web app with one page, for the synth that deploys the assets. */
function webDist(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'infra-web-')), 'dist');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>\n');
  return dir;
}

export interface Synth {
  app: App;
  data: Template;
  webApi: Template;
  edge: Template;
}

/**
 * Synthesizes the app as `cdk synth` does (same stacks, cdk-nag attached), without bundling.
 * `web: false` simulates a checkout where `npm run build` has not run.
 */
export function synth(options: { web?: boolean; context?: Record<string, string> } = {}): Synth {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...options.context } });
  const entries = entryFiles();
  const stacks = buildApp(app, {
    projectRoot,
    ...(entries ? { entries } : {}),
    webDistPath: options.web === false ? join(tmpdir(), 'no-such-web-dist') : webDist(),
  });
  return {
    app,
    data: Template.fromStack(stacks.data),
    webApi: Template.fromStack(stacks.webApi),
    edge: Template.fromStack(stacks.edge),
  };
}
