#!/usr/bin/env node
// Thin launcher for the compiled CLI (npm run build writes dist/).
import '../dist/bin.js';
