import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', zod: 'src/zod.ts', audit: 'src/audit.ts', testing: 'src/testing.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts', zod: 'src/zod.ts', audit: 'src/audit.ts', testing: 'src/testing.ts' }, compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  splitting: true,
  // drivers are optional peers: resolved at run time, never bundled
  external: ['pg', 'pg-cursor', 'better-sqlite3', '@electric-sql/pglite', 'kysely', 'zod'],
})
