/** `cem analyze` settings; `packagejson: false` because the root package.json is not ours to edit. */
export default {
  globs: ['widget/src/components/**/*.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist/npm',
  litelement: true,
  packagejson: false,
}
