/** `cem analyze` settings; `packagejson: false` because the root package.json is not ours to edit. */
export default {
  globs: ['widget/src/components/**/*.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist/npm',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer reads every `static properties` entry as an attribute, including the
      // `state: true` ones; a state backed by a private field is not part of the element's API.
      name: 'leadline-drop-private-state',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            const hidden = new Set(
              (decl.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name),
            )
            if (decl.attributes)
              decl.attributes = decl.attributes.filter((a) => !hidden.has(a.fieldName))
          }
        }
      },
    },
  ],
}
