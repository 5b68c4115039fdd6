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

/**
 * Search folding: lower case without Turkish diacritics, so `simsek`, `ŞİMŞEK` and `Şimşek`
 * all match. SQLite's lower() folds ASCII only, hence the explicit pairs.
 */
const FOLD: [string, string][] = [
  ['Ç', 'c'],
  ['ç', 'c'],
  ['Ğ', 'g'],
  ['ğ', 'g'],
  ['İ', 'i'],
  ['I', 'i'],
  ['ı', 'i'],
  ['Ö', 'o'],
  ['ö', 'o'],
  ['Ş', 's'],
  ['ş', 's'],
  ['Ü', 'u'],
  ['ü', 'u'],
]

export const foldText = (s: string) =>
  FOLD.reduce((acc, [from, to]) => acc.split(from).join(to), s).toLowerCase()

/** The SQL expression that folds `column` the way `foldText` folds a query. */
export const foldSql = (column: string) =>
  `lower(${FOLD.reduce((acc, [from, to]) => `replace(${acc}, '${from}', '${to}')`, column)})`

/** A folded `%…%` LIKE pattern with the wildcards of `q` escaped (use ESCAPE '\'). */
export const likePattern = (q: string) => `%${foldText(q).replace(/[\\%_]/g, (m) => `\\${m}`)}%`

/** `(fold(a) LIKE p OR fold(b) LIKE p …)` over the given columns. */
export const searchClause = (columns: string[], placeholder: string) =>
  `(${columns.map((col) => `${foldSql(col)} LIKE ${placeholder} ESCAPE '\\'`).join(' OR ')})`
