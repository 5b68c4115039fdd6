import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ActivityCreateSchema, ContactUpdateSchema, TagSchema } from './admin'
import { ContactEraseSchema } from './contacts'
import { LeadFieldsSchema } from './lead'
import { TemplateInputSchema } from './nurture'
import { AnswerSchema } from './quiz'
import { InlineSchema, QuoteDraftSchema } from './quote'
import { LocalizedTextSchema } from './site-config'
import {
  MultiLineSchema,
  SingleLineSchema,
  hasLoneSurrogate,
  isCleanText,
  multilineText,
  optionalMultilineText,
  optionalText,
  text,
} from './text'

/**
 * The rule, written apart from the implementation: a code point is forbidden when it is a C0
 * control (but tab, LF and CR in a multi-line text), DEL, a C1 control, or a surrogate on its
 * own (iterating a string by code points yields a lone one by itself).
 */
function forbidden(s: string, multiline: boolean): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x20 && !(multiline && (cp === 0x09 || cp === 0x0a || cp === 0x0d))) return true
    if (cp >= 0x7f && cp <= 0x9f) return true
    if (cp >= 0xd800 && cp <= 0xdfff) return true
  }
  return false
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i))

/** One code unit that no text may hold (lone surrogates guarded so they stay lone). */
const alwaysForbidden = fc.oneof(
  fc.constantFrom(
    ...range(0x00, 0x08),
    ...range(0x0b, 0x0c),
    ...range(0x0e, 0x1f),
    ...range(0x7f, 0x9f),
  ),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
)
/** Forbidden in one line only. */
const lineBreaks = fc.constantFrom('\t', '\n', '\r', '\r\n')

/** Any string, with combining marks, line breaks, controls and surrogate halves mixed in. */
const anyText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
      { weight: 2, arbitrary: fc.constantFrom('e\u0301', 'A\u030a', '\u0130', 'ş', ' ', '\u00a0') },
      { weight: 1, arbitrary: lineBreaks },
      { weight: 1, arbitrary: alwaysForbidden },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''))

/** `x<bad>x`: a forbidden unit between letters, so a surrogate half cannot pair up. */
const withForbidden = (bad: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 10 }), bad, fc.string({ maxLength: 10 }))
    .map(([a, b, c]) => `${a}x${b}x${c}`)

interface Case {
  name: string
  schema: v.GenericSchema
  multiline: boolean
  /** Whether an accepted input is trimmed (beside NFC, the only change). */
  trim: boolean
  /** Inputs that are not refused for their length or blankness. */
  max: number
  required: boolean
}

const base = (name: string, schema: v.GenericSchema, multiline: boolean) => ({
  name,
  schema,
  multiline,
  trim: false,
  max: Infinity,
  required: false,
})

const CASES: Case[] = [
  base('SingleLineSchema', SingleLineSchema, false),
  base('MultiLineSchema', MultiLineSchema, true),
  { ...base('text(60)', text(60), false), trim: true, max: 60, required: true },
  { ...base('multilineText(60)', multilineText(60), true), trim: true, max: 60, required: true },
  { ...base('optionalText(60)', optionalText(60), false), trim: true, max: 60 },
  { ...base('optionalMultilineText(60)', optionalMultilineText(60), true), trim: true, max: 60 },
  // Fields of real routes: a lead's name and message, a tag, a note, a quote, a template.
  { ...base('lead name', LeadFieldsSchema.entries.name, false), trim: true, max: 200 },
  { ...base('lead message', LeadFieldsSchema.entries.message, true), trim: true, max: 5000 },
  {
    ...base('contact company', ContactUpdateSchema.pipe[0].entries.company, false),
    trim: true,
    max: 200,
    required: true,
  },
  { ...base('tag', TagSchema, false), trim: true, max: 40, required: true },
  {
    ...base('note body', ActivityCreateSchema.entries.body, true),
    trim: true,
    max: 5000,
    required: true,
  },
  {
    ...base('erase reason', ContactEraseSchema.entries.reason, true),
    trim: true,
    max: 500,
    required: true,
  },
  {
    ...base('quote title', QuoteDraftSchema.entries.title, false),
    trim: true,
    max: 200,
    required: true,
  },
  { ...base('quote notes', QuoteDraftSchema.entries.notes, true), max: 5000 },
  { ...base('rich text run', InlineSchema.entries.text, true), max: 5000 },
  { ...base('localized text', LocalizedTextSchema.entries.tr, true), max: 2000 },
  {
    ...base('template body', TemplateInputSchema.pipe[0].entries.body.entries.tr, true),
    max: 20_000,
    required: true,
  },
  { ...base('quiz text answer', AnswerSchema, true), max: 2000 },
]

describe('free text (contract/text.ts)', () => {
  describe.each(CASES)('$name', ({ schema, multiline, trim, max, required }) => {
    it('refuses every string with a control character or a lone surrogate', () => {
      fc.assert(
        fc.property(
          withForbidden(multiline ? alwaysForbidden : fc.oneof(alwaysForbidden, lineBreaks)),
          (s) => {
            const result = v.safeParse(schema, s)
            expect(result.success).toBe(false)
          },
        ),
        { numRuns: 300 },
      )
    })

    it('accepts what the rule allows, and answers it in NFC and otherwise unchanged', () => {
      fc.assert(
        fc.property(anyText, (s) => {
          const result = v.safeParse(schema, s)
          let expected = s.normalize('NFC')
          if (trim) expected = expected.trim()
          const allowed =
            !forbidden(s, multiline) && expected.length <= max && (!required || expected !== '')
          expect(result.success, JSON.stringify(s)).toBe(allowed)
          if (!result.success || result.output === undefined) return
          expect(result.output).toBe(expected)
          expect(result.output).toBe((result.output as string).normalize('NFC'))
          expect(isCleanText(result.output as string, multiline)).toBe(true)
        }),
        { numRuns: 500 },
      )
    })
  })

  it('names the field of a lead whose name has NUL and a lone surrogate', () => {
    const result = v.safeParse(LeadFieldsSchema, { name: 'Ali\u0000Veli\ud800', email: 'a@b.co' })
    expect(result.success).toBe(false)
    const issue = result.issues![0]
    expect(issue.path?.map((p) => p.key)).toEqual(['name'])
    expect(issue.message).toMatch(/control characters/)
  })

  it('keeps line breaks and tabs in a multi-line text as sent, and refuses them in one line', () => {
    expect(v.parse(multilineText(100), ' a\tb\r\nc\rd\ne ')).toBe('a\tb\r\nc\rd\ne')
    expect(v.safeParse(multilineText(100), 'a\u000bb').success).toBe(false)
    expect(v.safeParse(text(100), 'a\rb').success).toBe(false)
    expect(v.safeParse(text(100), 'a\nb').success).toBe(false)
    expect(v.safeParse(text(100), 'a\tb').success).toBe(false)
  })

  it('stores a decomposed name in NFC', () => {
    expect(v.parse(text(100), 'Se\u0301bastien')).toBe('Sébastien')
    expect(v.parse(text(100), 'Se\u0301bastien')).toHaveLength(9)
  })

  it('tells a lone surrogate from a well-formed pair', () => {
    expect(hasLoneSurrogate('😀')).toBe(false)
    expect(hasLoneSurrogate('\ud83d')).toBe(true)
    expect(hasLoneSurrogate('\ude00x')).toBe(true)
    expect(hasLoneSurrogate('\ude00\ud83d')).toBe(true)
    expect(hasLoneSurrogate('a😀b\ud800')).toBe(true)
  })
})
