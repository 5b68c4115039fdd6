/** Pure list edits the settings editors share: fresh keys, moving and removing items. */

/** `prefix` followed by the smallest number not taken, as a valid key (`question_3`). */
export function freshKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`
}

/** `list` with the item at `from` moved by `delta` (clamped to the ends). */
export function moved<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, from + delta))
  const out = [...list]
  const [item] = out.splice(from, 1)
  out.splice(to, 0, item!)
  return out
}

/** `list` without the item at `index`. */
export const without = <T>(list: readonly T[], index: number): T[] =>
  list.filter((_, i) => i !== index)
