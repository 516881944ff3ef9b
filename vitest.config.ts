import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // `npm test` also type-checks the type tests (*.test-d.ts: expectTypeOf, @ts-expect-error) and
    // what they import; `npm run typecheck` checks the rest of the project
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'test/types/tsconfig.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry; two cores: keep the pool small
    maxWorkers: 2,
  },
})
