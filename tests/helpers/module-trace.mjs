// `node --import ./tests/helpers/module-trace.mjs …` with IMP_MODULE_TRACE=FILE: every module the process resolves
// is written to FILE, one URL a line (see tests/startup-imports.test.ts).
import { register } from 'node:module';
import process from 'node:process';

register('./module-trace-hooks.mjs', import.meta.url, { data: { file: process.env.IMP_MODULE_TRACE } });
