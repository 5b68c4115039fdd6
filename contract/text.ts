/**
 * The one rule for text a person types, applied to every free-text field of every route, public
 * and admin: no control characters, no broken characters, one Unicode form.
 *
 * - Refused (422, the issue names the field): C0 controls U+0000–U+001F (NUL included), DEL
 *   U+007F, C1 controls U+0080–U+009F, and lone surrogates (half of a UTF-16 pair, as
 *   `JSON.parse('"\\ud800"')` makes).
 * - A multi-line text (notes, reasons, messages, descriptions, quote sections, template bodies,
 *   answers) allows tab, line feed and carriage return, so `\r\n` from a Windows client or a
 *   form post is kept as sent, not refused. A single-line text (names, titles, labels, tags,
 *   subjects, searches, URLs) refuses all three.
 * - Accepted text is stored in NFC (https://unicode.org/reports/tr15/), so `"e\u0301"` and `"é"`
 *   are one name, one search and one length.
 *
 * Identifiers, keys, enums, e-mail addresses, phone numbers and time zones are not free text:
 * their regexes admit no control character. URLs are checked here too (`SingleLineSchema`),
 * since the URL parser would percent-encode or drop a control character instead of refusing it.
 */
import * as v from 'valibot'

/** Whether a UTF-16 code unit is a C0 control, DEL or a C1 control. */
const isControl = (unit: number) => unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)
/** Tab (U+0009), line feed (U+000A) and carriage return (U+000D). */
const isLineBreakOrTab = (unit: number) => unit === 0x09 || unit === 0x0a || unit === 0x0d

/**
 * Whether `s` holds a surrogate code unit that is not half of a well-formed pair: with the `u`
 * flag a pair is read as one code point, so only a lone half is a code point of category Cs.
 */
export const hasLoneSurrogate = (s: string): boolean => /\p{Cs}/u.test(s)

/**
 * Whether `s` is text a field may hold: no lone surrogate, and no control character but (when
 * `multiline`) tab, line feed and carriage return.
 *
 * @example isCleanText('Ali\u0000Veli') // false
 * @example isCleanText('line one\nline two', true) // true
 */
export function isCleanText(s: string, multiline = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i)
    if (isControl(unit) && !(multiline && isLineBreakOrTab(unit))) return false
  }
  return !hasLoneSurrogate(s)
}

const SINGLE_LINE_MESSAGE =
  'no control characters (line breaks and tabs included) or broken characters'
const MULTI_LINE_MESSAGE = 'no control characters (but line breaks and tabs) or broken characters'

/**
 * A string in one line without control characters or lone surrogates, in NFC; neither trimmed
 * nor bounded. The base of every single-line text, URL and free-form value.
 */
export const SingleLineSchema = v.pipe(
  v.string(),
  v.normalize('NFC'),
  v.check((s) => isCleanText(s), SINGLE_LINE_MESSAGE),
)

/**
 * A string that may span lines: tab, line feed and carriage return allowed, other controls and
 * lone surrogates refused; NFC. Neither trimmed nor bounded.
 */
export const MultiLineSchema = v.pipe(
  v.string(),
  v.normalize('NFC'),
  v.check((s) => isCleanText(s, true), MULTI_LINE_MESSAGE),
)

/** A trimmed single-line text of 1..max characters. */
export const text = (max: number) =>
  v.pipe(SingleLineSchema, v.trim(), v.minLength(1), v.maxLength(max))

/** A trimmed multi-line text of 1..max characters (notes, reasons, messages). */
export const multilineText = (max: number) =>
  v.pipe(MultiLineSchema, v.trim(), v.minLength(1), v.maxLength(max))

const blankToUndefined = v.transform((s: string) => (s === '' ? undefined : s))

/** An optional trimmed single-line text; blanks become undefined so forms can send them. */
export const optionalText = (max: number) =>
  v.optional(v.pipe(SingleLineSchema, v.trim(), v.maxLength(max), blankToUndefined))

/** An optional trimmed multi-line text; blanks become undefined. */
export const optionalMultilineText = (max: number) =>
  v.optional(v.pipe(MultiLineSchema, v.trim(), v.maxLength(max), blankToUndefined))
