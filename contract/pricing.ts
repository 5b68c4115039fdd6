/**
 * Quote and invoice totals in exact integer minor units. Pure and dependency free (it imports
 * only the contract's types, so no valibot reaches the widget at runtime), because the worker (to
 * store and invoice) and `<leadline-quote>` (to show) must compute the very same numbers.
 *
 * Rounding rules, applied per line in this order:
 *
 * 1. gross = quantityMilli × unitPriceMinor / 1000, rounded half up (away from zero) to a whole
 *    minor unit.
 * 2. discount, taken before tax: a percent discount is gross × bps / 10 000, rounded half up; an
 *    amount discount is the amount itself, and one larger than the gross is an error.
 * 3. net = gross − discount.
 * 4. tax = net × taxRateBps / 10 000, rounded half up, per line (as Turkish e-invoices compute
 *    KDV per line, not on the sum of the lines).
 * 5. line total = net + tax.
 *
 * The quote then only adds whole minor units, so nothing is rounded twice:
 *
 * 6. subtotal = Σ gross, discount = Σ discount, net = Σ net; taxes = one entry per rate that
 *    occurs, ascending by rate, with base = Σ net and tax = Σ line tax of the lines at that rate;
 *    tax = Σ taxes; total = net + tax (which equals Σ line totals).
 *
 * Products are taken in BigInt (quantityMilli × unitPriceMinor can pass 2^53); every result is
 * checked to be at most Number.MAX_SAFE_INTEGER before it is returned as a number.
 */
import type { LineTotals, PricedLine, QuoteTotals } from './quote'

/** Thrown for a total that cannot be right: never returned as a wrong number. */
export class PricingError extends Error {
  override name = 'PricingError'
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * `numerator / denominator` rounded to the nearest integer, halves away from zero.
 *
 * @example
 * roundHalfUp(5n, 2n) // 3n
 * roundHalfUp(-5n, 2n) // -3n
 * roundHalfUp(7n, 3n) // 2n
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new PricingError('division by zero')
  if (denominator < 0n) return roundHalfUp(-numerator, -denominator)
  if (numerator < 0n) return -roundHalfUp(-numerator, denominator)
  // floor((n + d/2) / d) without leaving integers: floor((2n + d) / 2d)
  return (2n * numerator + denominator) / (2n * denominator)
}

/** A non-negative safe integer as BigInt; anything else cannot give an exact total. */
function amount(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new PricingError(`${what} must be a non-negative whole number, got ${value}`)
  }
  return BigInt(value)
}

function toNumber(value: bigint, what: string): number {
  if (value > MAX) throw new PricingError(`${what} is beyond ${Number.MAX_SAFE_INTEGER}`)
  return Number(value)
}

interface ExactLine {
  gross: bigint
  discount: bigint
  net: bigint
  tax: bigint
  rateBps: number
}

function exactLine(line: PricedLine): ExactLine {
  const quantity = amount(line.quantityMilli, 'quantityMilli')
  const price = amount(line.unitPriceMinor, 'unitPriceMinor')
  const rate = amount(line.taxRateBps, 'taxRateBps')
  const gross = roundHalfUp(quantity * price, 1000n)
  let discount = 0n
  if (line.discount?.kind === 'percent') {
    const bps = amount(line.discount.bps, 'discount.bps')
    if (bps > 10_000n) throw new PricingError(`a discount of ${bps} bps is over 100 %`)
    discount = roundHalfUp(gross * bps, 10_000n)
  } else if (line.discount?.kind === 'amount') {
    discount = amount(line.discount.minor, 'discount.minor')
    if (discount > gross) {
      throw new PricingError(`a discount of ${discount} is more than the line's ${gross}`)
    }
  }
  const net = gross - discount
  const tax = roundHalfUp(net * rate, 10_000n)
  return { gross, discount, net, tax, rateBps: line.taxRateBps }
}

function lineNumbers(l: ExactLine): LineTotals {
  return {
    grossMinor: toNumber(l.gross, 'gross'),
    discountMinor: toNumber(l.discount, 'discount'),
    netMinor: toNumber(l.net, 'net'),
    taxMinor: toNumber(l.tax, 'tax'),
    totalMinor: toNumber(l.net + l.tax, 'line total'),
  }
}

/**
 * One line's gross, discount, net, tax and total (rules 1–5 of the module header).
 *
 * @example
 * // 2.5 hours at 1 000,00 TRY, 10 % off, KDV 20 %
 * lineTotals({
 *   quantityMilli: 2500,
 *   unitPriceMinor: 100_000,
 *   discount: { kind: 'percent', bps: 1000 },
 *   taxRateBps: 2000,
 * })
 * // { grossMinor: 250_000, discountMinor: 25_000, netMinor: 225_000, taxMinor: 45_000,
 * //   totalMinor: 270_000 }
 */
export function lineTotals(line: PricedLine): LineTotals {
  return lineNumbers(exactLine(line))
}

/**
 * The quote's lines and sums, with tax per rate (rule 6 of the module header). Throws a
 * `PricingError` for an amount discount above its line's gross or any sum beyond
 * `Number.MAX_SAFE_INTEGER`.
 */
export function quoteTotals(lines: PricedLine[]): QuoteTotals {
  const exact = lines.map(exactLine)
  let subtotal = 0n
  let discount = 0n
  let net = 0n
  let tax = 0n
  const byRate = new Map<number, { base: bigint; tax: bigint }>()
  for (const l of exact) {
    subtotal += l.gross
    discount += l.discount
    net += l.net
    tax += l.tax
    const sums = byRate.get(l.rateBps) ?? { base: 0n, tax: 0n }
    sums.base += l.net
    sums.tax += l.tax
    byRate.set(l.rateBps, sums)
  }
  const taxes = [...byRate]
    .sort(([a], [b]) => a - b)
    .map(([rateBps, s]) => ({
      rateBps,
      baseMinor: toNumber(s.base, `the base at ${rateBps} bps`),
      taxMinor: toNumber(s.tax, `the tax at ${rateBps} bps`),
    }))
  return {
    lines: exact.map(lineNumbers),
    subtotalMinor: toNumber(subtotal, 'subtotal'),
    discountMinor: toNumber(discount, 'discount'),
    netMinor: toNumber(net, 'net'),
    taxes,
    taxMinor: toNumber(tax, 'tax'),
    totalMinor: toNumber(net + tax, 'total'),
  }
}
