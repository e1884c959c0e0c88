import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Engine tests share one daemon; files run in parallel, tests in a file in order.
		fileParallelism: true,
		pool: 'forks',
	},
});
