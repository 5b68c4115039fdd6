/** Defines a tag once; a second definition (hot reload, tests) is a no-op, not an exception. */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor)
}
