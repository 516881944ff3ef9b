import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', zod: 'src/zod.ts', audit: 'src/audit.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts', zod: 'src/zod.ts', audit: 'src/audit.ts' } },
  sourcemap: true,
  clean: true,
  splitting: true,
  // drivers are optional peers: resolved at run time, never bundled
  external: ['pg', 'better-sqlite3', '@electric-sql/pglite', 'kysely', 'zod', 'uuid'],
})
