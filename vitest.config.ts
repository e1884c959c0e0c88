import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Engine tests share one daemon; files run in parallel, tests in a file in order.
		fileParallelism: true,
		pool: 'forks',
		// One more try for a test that failed: the engine, the registries and tmux are shared by every
		// file running at once, and a key sent while a reload lands can race it. A test that fails twice fails.
		retry: 1,
		// The layer index cache (source/cache) is off for every test but its own (test/cache), which
		// give it a directory of their own: a warm cache would serve a test that means to read an export.
		env: {IMGSCOPE_NO_CACHE: '1'},
	},
});
