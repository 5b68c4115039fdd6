#!/usr/bin/env node
/**
 * Builds the admin console: `node console/build.mjs` (called by scripts/build.mjs) writes
 * `dist/public/admin/index.html` and its hashed `assets/`.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const here = dirname(fileURLToPath(import.meta.url))

// Vitest sets NODE_ENV=test, which would make vite pick Lit's development build.
process.env.NODE_ENV = 'production'
await build({ configFile: join(here, 'vite.config.ts'), mode: 'production' })
