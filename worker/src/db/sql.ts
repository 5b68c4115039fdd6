/** Small helpers for building parameterised SQL; values are always bound, never inlined. */

/** Collects bound values and hands out their `?N` placeholders. */
export function params(...initial: unknown[]) {
  const values = [...initial]
  return {
    values,
    add(value: unknown): string {
      values.push(value)
      return `?${values.length}`
    },
  }
}

/** A case-folded `%…%` LIKE pattern with the wildcards of `q` escaped (use ESCAPE '\'). */
export const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`
