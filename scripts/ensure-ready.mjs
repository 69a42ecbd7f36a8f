#!/usr/bin/env node
// Makes `npm start` and `npm test` work on a fresh machine: installs dependencies when node_modules is missing
// or older than package-lock.json, and (with --build) compiles TypeScript to dist/.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });
const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || (existsSync('package-lock.json') && statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs);
if (stale) {
  console.error('[imp-smart] installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
if (process.argv.includes('--build')) run('npm run --silent build');
