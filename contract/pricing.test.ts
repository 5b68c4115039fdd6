import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lineTotals, PricingError, quoteTotals, roundHalfUp } from './pricing'
import type { Discount, LineTotals, PricedLine, QuoteTotals } from './quote'

const line = (
  quantityMilli: number,
  unitPriceMinor: number,
  taxRateBps = 2000,
  discount?: Discount,
): PricedLine => ({ quantityMilli, unitPriceMinor, taxRateBps, ...(discount && { discount }) })

const totals = (
  grossMinor: number,
  discountMinor: number,
  netMinor: number,
  taxMinor: number,
  totalMinor: number,
): LineTotals => ({ grossMinor, discountMinor, netMinor, taxMinor, totalMinor })

describe('roundHalfUp', () => {
  const cases: [bigint, bigint, bigint][] = [
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [7n, 2n, 4n],
    [1n, 2n, 1n],
    [-1n, 2n, -1n],
    [7n, 3n, 2n],
    [-7n, 3n, -2n],
    [8n, 3n, 3n],
    [1n, 3n, 0n],
    [499n, 1000n, 0n],
    [500n, 1000n, 1n],
    [0n, 7n, 0n],
    [5n, -2n, -3n],
    [6n, 2n, 3n],
  ]
  it.each(cases)('rounds %i / %i to %i, halves away from zero', (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected)
  })

  it('refuses to divide by zero', () => {
    expect(() => roundHalfUp(1n, 0n)).toThrow(PricingError)
  })
})

describe('lineTotals', () => {
  const cases: { name: string; line: PricedLine; expected: LineTotals }[] = [
    {
      name: 'rounds a gross of exactly .5 up',
      line: line(500, 1, 0),
      expected: totals(1, 0, 1, 0, 1),
    },
    {
      name: 'rounds a gross of 2.5 up, not to even',
      line: line(2500, 1, 0),
      expected: totals(3, 0, 3, 0, 3),
    },
    {
      name: 'rounds a gross just under .5 down',
      line: line(499, 1, 0),
      expected: totals(0, 0, 0, 0, 0),
    },
    {
      name: 'prices 2.5 hours (2500 thousandths) exactly',
      line: line(2500, 12_345, 2000),
      // 30 862.5 → 30 863; tax 6 172.6 → 6 173
      expected: totals(30_863, 0, 30_863, 6_173, 37_036),
    },
    {
      name: 'prices a 3-decimal quantity: 1.234 kg',
      line: line(1234, 999, 1000),
      // 1 232.766 → 1 233; tax 123.3 → 123
      expected: totals(1_233, 0, 1_233, 123, 1_356),
    },
    {
      name: 'takes a percent discount before tax',
      line: line(2500, 100_000, 2000, { kind: 'percent', bps: 1000 }),
      expected: totals(250_000, 25_000, 225_000, 45_000, 270_000),
    },
    {
      name: 'rounds a percent discount of exactly .5 up',
      line: line(1000, 1, 0, { kind: 'percent', bps: 5000 }),
      expected: totals(1, 1, 0, 0, 0),
    },
    {
      name: 'rounds a 12.5 % discount of 0.25 down',
      line: line(2000, 1, 0, { kind: 'percent', bps: 1250 }),
      expected: totals(2, 0, 2, 0, 2),
    },
    {
      name: 'makes a 100 % discount a free line with no tax',
      line: line(3000, 4_999, 2000, { kind: 'percent', bps: 10_000 }),
      expected: totals(14_997, 14_997, 0, 0, 0),
    },
    {
      name: 'takes a 0 % discount as none',
      line: line(1000, 100, 2000, { kind: 'percent', bps: 0 }),
      expected: totals(100, 0, 100, 20, 120),
    },
    {
      name: 'takes an amount discount before tax',
      line: line(1000, 10_000, 2000, { kind: 'amount', minor: 2_500 }),
      expected: totals(10_000, 2_500, 7_500, 1_500, 9_000),
    },
    {
      name: 'accepts an amount discount equal to the gross',
      line: line(1500, 333, 2000, { kind: 'amount', minor: 500 }),
      // 499.5 → 500
      expected: totals(500, 500, 0, 0, 0),
    },
    {
      name: 'charges no tax at 0 %',
      line: line(1000, 123_456, 0),
      expected: totals(123_456, 0, 123_456, 0, 123_456),
    },
    {
      name: 'rounds a 1 % tax of exactly .5 up',
      line: line(1000, 50, 100),
      expected: totals(50, 0, 50, 1, 51),
    },
    {
      name: 'rounds a 1 % tax of 0.49 down',
      line: line(1000, 49, 100),
      expected: totals(49, 0, 49, 0, 49),
    },
    {
      name: 'rounds a 1 % tax of 1.5 up',
      line: line(1000, 150, 100),
      expected: totals(150, 0, 150, 2, 152),
    },
    {
      name: 'rounds a 10 % tax of 0.05 down',
      line: line(1000, 5, 1000),
      // tax 0.5 → 1
      expected: totals(5, 0, 5, 1, 6),
    },
    {
      name: 'prices a free item at zero',
      line: line(5000, 0, 2000),
      expected: totals(0, 0, 0, 0, 0),
    },
    {
      name: 'stays exact where quantity × price passes 2^53',
      line: line(999_999_999, 9_007_199_263, 0),
      // 9 007 199 253 992 800.737 → …801; float arithmetic gives …800
      expected: totals(9_007_199_253_992_801, 0, 9_007_199_253_992_801, 0, 9_007_199_253_992_801),
    },
  ]
  it.each(cases)('$name', ({ line, expected }) => {
    expect(lineTotals(line)).toEqual(expected)
  })

  it('throws for an amount discount above the gross', () => {
    expect(() => lineTotals(line(1000, 100, 2000, { kind: 'amount', minor: 101 }))).toThrow(
      PricingError,
    )
  })

  it('throws for a gross beyond Number.MAX_SAFE_INTEGER', () => {
    expect(() => lineTotals(line(1_000_000_000, 9_007_199_254_741, 0))).toThrow(PricingError)
  })

  it('throws when the tax pushes the line total beyond Number.MAX_SAFE_INTEGER', () => {
    const net = line(1000, 9_000_000_000_000_000, 0)
    expect(lineTotals(net).totalMinor).toBe(9_000_000_000_000_000)
    expect(() => lineTotals({ ...net, taxRateBps: 2000 })).toThrow(PricingError)
  })

  const bad: [string, PricedLine][] = [
    ['a negative quantity', line(-1000, 100)],
    ['a fractional price', line(1000, 1.5)],
    ['a NaN price', line(1000, Number.NaN)],
    ['an unsafe price', line(1000, 2 ** 53)],
    ['a negative tax rate', line(1000, 100, -100)],
    ['a discount over 100 %', line(1000, 100, 0, { kind: 'percent', bps: 10_001 })],
    ['a negative amount discount', line(1000, 100, 0, { kind: 'amount', minor: -1 })],
  ]
  it.each(bad)('throws for %s rather than price it', (_, l) => {
    expect(() => lineTotals(l)).toThrow(PricingError)
  })
})

describe('quoteTotals', () => {
  it('sums the lines and splits the tax per rate, ascending', () => {
    const result = quoteTotals([
      line(1000, 10_000, 2000),
      line(2000, 5_000, 0),
      line(1000, 1_000, 1000, { kind: 'percent', bps: 5000 }),
      line(500, 3_001, 2000, { kind: 'amount', minor: 1 }),
    ])
    expect(result).toEqual({
      lines: [
        totals(10_000, 0, 10_000, 2_000, 12_000),
        totals(10_000, 0, 10_000, 0, 10_000),
        totals(1_000, 500, 500, 50, 550),
        // 1 500.5 → 1 501; tax 300
        totals(1_501, 1, 1_500, 300, 1_800),
      ],
      subtotalMinor: 22_501,
      discountMinor: 501,
      netMinor: 22_000,
      taxes: [
        { rateBps: 0, baseMinor: 10_000, taxMinor: 0 },
        { rateBps: 1000, baseMinor: 500, taxMinor: 50 },
        { rateBps: 2000, baseMinor: 11_500, taxMinor: 2_300 },
      ],
      taxMinor: 2_350,
      totalMinor: 24_350,
    } satisfies QuoteTotals)
  })

  it('rounds the tax per line, not on the sum of the lines', () => {
    // each line: 1 % of 50 = 0.5 → 1; on the sum it would be 1 % of 100 = 1
    const result = quoteTotals([line(1000, 50, 100), line(1000, 50, 100)])
    expect(result.taxes).toEqual([{ rateBps: 100, baseMinor: 100, taxMinor: 2 }])
    expect(result.totalMinor).toBe(102)
  })

  it('totals an empty quote at zero with no tax rates', () => {
    expect(quoteTotals([])).toEqual({
      lines: [],
      subtotalMinor: 0,
      discountMinor: 0,
      netMinor: 0,
      taxes: [],
      taxMinor: 0,
      totalMinor: 0,
    })
  })

  it('throws when the sum of safe lines passes Number.MAX_SAFE_INTEGER', () => {
    const half = line(1000, 2 ** 52, 0)
    expect(quoteTotals([half]).totalMinor).toBe(2 ** 52)
    expect(() => quoteTotals([half, half])).toThrow(PricingError)
  })

  it('throws for one bad line among good ones', () => {
    expect(() =>
      quoteTotals([line(1000, 100), line(1000, 100, 2000, { kind: 'amount', minor: 200 })]),
    ).toThrow(PricingError)
  })
})

// ------------------------------------------------------------------------------- properties

/** An oracle for gross that rounds by remainder rather than by the module's formula. */
function expectedGross(quantityMilli: number, unitPriceMinor: number): bigint {
  const product = BigInt(quantityMilli) * BigInt(unitPriceMinor)
  const quotient = product / 1000n
  return product % 1000n >= 500n ? quotient + 1n : quotient
}

const rateArb = fc.oneof(fc.constantFrom(0, 100, 1000, 2000), fc.integer({ min: 0, max: 10_000 }))

const lineArb: fc.Arbitrary<PricedLine> = fc
  .record({
    quantityMilli: fc.integer({ min: 1, max: 1_000_000 }),
    unitPriceMinor: fc.integer({ min: 0, max: 1_000_000_000 }),
    taxRateBps: rateArb,
    discount: fc.oneof(
      fc.constant(undefined),
      fc.record({
        kind: fc.constant('percent' as const),
        bps: fc.integer({ min: 0, max: 10_000 }),
      }),
      // a seed, folded into 0..gross below so the line is valid
      fc.record({ kind: fc.constant('amount' as const), minor: fc.nat() }),
    ),
  })
  .map(({ discount, ...l }) => {
    if (discount === undefined) return l
    if (discount.kind === 'percent') return { ...l, discount }
    const gross = expectedGross(l.quantityMilli, l.unitPriceMinor)
    return {
      ...l,
      discount: { kind: 'amount', minor: Number(BigInt(discount.minor) % (gross + 1n)) },
    }
  })

const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 40 })

const allNumbers = (t: QuoteTotals): number[] => [
  ...t.lines.flatMap((l) => Object.values(l)),
  t.subtotalMinor,
  t.discountMinor,
  t.netMinor,
  t.taxMinor,
  t.totalMinor,
  ...t.taxes.flatMap((r) => [r.rateBps, r.baseMinor, r.taxMinor]),
]

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)

describe('quoteTotals for any valid lines', () => {
  it('gives only non-negative safe integers', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        for (const n of allNumbers(quoteTotals(lines))) {
          expect(Number.isSafeInteger(n) && n >= 0).toBe(true)
        }
      }),
    )
  })

  it('adds up: subtotal − discount = net, net + tax = total, Σ line totals = total', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        const t = quoteTotals(lines)
        expect(t.subtotalMinor - t.discountMinor).toBe(t.netMinor)
        expect(t.netMinor + t.taxMinor).toBe(t.totalMinor)
        expect(sum(t.lines.map((l) => l.totalMinor))).toBe(t.totalMinor)
        expect(sum(t.lines.map((l) => l.grossMinor))).toBe(t.subtotalMinor)
        for (const l of t.lines) {
          expect(l.grossMinor - l.discountMinor).toBe(l.netMinor)
          expect(l.netMinor + l.taxMinor).toBe(l.totalMinor)
        }
      }),
    )
  })

  it('splits the tax per rate so that bases sum to net and taxes to tax', () => {
    fc.assert(
      fc.property(linesArb, (lines) => {
        const t = quoteTotals(lines)
        expect(sum(t.taxes.map((r) => r.baseMinor))).toBe(t.netMinor)
        expect(sum(t.taxes.map((r) => r.taxMinor))).toBe(t.taxMinor)
        const rates = [...new Set(lines.map((l) => l.taxRateBps))].sort((a, b) => a - b)
        expect(t.taxes.map((r) => r.rateBps)).toEqual(rates)
        for (const r of t.taxes) {
          const at = t.lines.filter((_, i) => lines[i]?.taxRateBps === r.rateBps)
          expect(r.baseMinor).toBe(sum(at.map((l) => l.netMinor)))
          expect(r.taxMinor).toBe(sum(at.map((l) => l.taxMinor)))
        }
      }),
    )
  })

  it('does not depend on the order of the lines', () => {
    const shuffled = linesArb.chain((lines) =>
      fc.tuple(
        fc.constant(lines),
        fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }),
      ),
    )
    fc.assert(
      fc.property(shuffled, ([lines, reordered]) => {
        const { lines: a, ...rest } = quoteTotals(lines)
        const { lines: b, ...restReordered } = quoteTotals(reordered)
        expect(restReordered).toEqual(rest)
        const byValue = (ls: LineTotals[]) => ls.map((l) => JSON.stringify(l)).sort()
        expect(byValue(b)).toEqual(byValue(a))
      }),
    )
  })
})

describe('lineTotals for any valid line', () => {
  it('rounds gross, percent discount and tax to the nearest unit, halves up', () => {
    fc.assert(
      fc.property(lineArb, (l) => {
        const t = lineTotals(l)
        // rounded r of an exact n/d, halves up: −d < 2(r·d − n) ≤ d
        const roundedHalfUp = (r: number, n: bigint, d: bigint) => {
          const twice = 2n * (BigInt(r) * d - n)
          return -d < twice && twice <= d
        }
        expect(BigInt(t.grossMinor)).toBe(expectedGross(l.quantityMilli, l.unitPriceMinor))
        expect(
          roundedHalfUp(t.grossMinor, BigInt(l.quantityMilli) * BigInt(l.unitPriceMinor), 1000n),
        ).toBe(true)
        if (l.discount?.kind === 'percent') {
          const exact = BigInt(t.grossMinor) * BigInt(l.discount.bps)
          expect(roundedHalfUp(t.discountMinor, exact, 10_000n)).toBe(true)
        }
        if (l.discount?.kind === 'amount') expect(t.discountMinor).toBe(l.discount.minor)
        const exactTax = BigInt(t.netMinor) * BigInt(l.taxRateBps)
        expect(roundedHalfUp(t.taxMinor, exactTax, 10_000n)).toBe(true)
      }),
    )
  })

  it('keeps each line total within its rounding bound of the exact rational', () => {
    fc.assert(
      fc.property(lineArb, (l) => {
        const t = lineTotals(l)
        // exact total × 10^11 = (q·p·10^4 − discount) · (10^4 + rate), with the percent discount
        // as q·p·bps and the amount discount as a·10^7 (all in units of 10^-11 minor units)
        const qp = BigInt(l.quantityMilli) * BigInt(l.unitPriceMinor)
        const netExact =
          l.discount?.kind === 'percent'
            ? qp * BigInt(10_000 - l.discount.bps)
            : qp * 10_000n - BigInt(l.discount?.minor ?? 0) * 10_000_000n
        const exact = netExact * BigInt(10_000 + l.taxRateBps)
        const error = BigInt(t.totalMinor) * 100_000_000_000n - exact
        const abs = error < 0n ? -error : error
        // |error| ≤ bound / (2·10^8) minor units, bound from lineErrorBound
        expect(abs * 2n * 100_000_000n <= lineErrorBound(l) * 100_000_000_000n).toBe(true)
      }),
    )
  })

  it('prices a quantity split in two lines within 1 unit of gross, and the total within bound', () => {
    const split = fc
      .record({
        quantityMilli: fc.integer({ min: 2, max: 1_000_000 }),
        unitPriceMinor: fc.integer({ min: 0, max: 1_000_000_000 }),
        taxRateBps: rateArb,
        bps: fc.option(fc.integer({ min: 0, max: 10_000 })),
        cut: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ cut, bps, ...l }) => {
        const first = 1 + Math.floor(cut * (l.quantityMilli - 2))
        const whole: PricedLine = bps === null ? l : { ...l, discount: { kind: 'percent', bps } }
        return { whole, first, second: l.quantityMilli - first }
      })
    fc.assert(
      fc.property(split, ({ whole, first, second }) => {
        const one = lineTotals(whole)
        const a = lineTotals({ ...whole, quantityMilli: first })
        const b = lineTotals({ ...whole, quantityMilli: second })
        // three roundings of gross, each within ½: the integer difference is at most 1
        expect(Math.abs(one.grossMinor - a.grossMinor - b.grossMinor)).toBeLessThanOrEqual(1)
        // the totals of three lines, each within its bound of the exact rational; the bound is
        // not 1 per line: 696.549 × 1 798 203.51 at 0.06 % off and KDV 20 % differs by 3
        const bound = (3n * lineErrorBound(whole)) / 200_000_000n
        expect(Math.abs(one.totalMinor - a.totalMinor - b.totalMinor)).toBeLessThanOrEqual(
          Number(bound),
        )
      }),
    )
  })

  it('differs by 3 when the example line is split at 0.001', () => {
    const whole = line(696_549, 179_820_351, 2000, { kind: 'percent', bps: 6 })
    const one = lineTotals(whole).totalMinor
    const split =
      lineTotals({ ...whole, quantityMilli: 1 }).totalMinor +
      lineTotals({ ...whole, quantityMilli: 696_548 }).totalMinor
    expect(one - split).toBe(3)
  })
})

/**
 * How far a line total may be from its exact rational value, in units of 1/(2·10^8) minor
 * units: gross is within ½; a percent discount adds ½ of its own and shrinks the gross error by
 * (1 − d), an amount discount is exact; the tax scales the net error by (1 + rate) and adds ½.
 */
function lineErrorBound(l: PricedLine): bigint {
  const bps = l.discount?.kind === 'percent' ? l.discount.bps : 0
  // net error × 2·10^4
  const net = BigInt(10_000 - bps) + (l.discount?.kind === 'percent' ? 10_000n : 0n)
  return BigInt(10_000 + l.taxRateBps) * net + 100_000_000n
}
