/** Booking reminder times as a person types them: minutes before the meeting, comma separated. */

/** `[1440, 60]` → `'1440, 60'`. */
export const offsetsText = (offsets: readonly number[]): string => offsets.join(', ')

/**
 * The minutes typed (at most 3, each 5 to 10080), or `undefined` when the text is not that.
 * @example offsetsOf('1440, 60') // [1440, 60]
 */
export function offsetsOf(text: string): number[] | undefined {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
  const numbers = parts.map(Number)
  const fits = (n: number) => Number.isInteger(n) && n >= 5 && n <= 7 * 24 * 60
  return numbers.length <= 3 && numbers.every(fits) ? numbers : undefined
}
