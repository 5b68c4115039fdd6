import { describe, expect, it } from 'vitest'
import { foldText, likePattern } from './sql'

describe('search folding', () => {
  it.each([
    ['Şimşek', 'simsek'],
    ['ŞİMŞEK', 'simsek'],
    ['Işık Çağlar Gök Ünlü', 'isik caglar gok unlu'],
    ['ABC', 'abc'],
  ])('folds %s to %s', (input, folded) => expect(foldText(input)).toBe(folded))

  it('escapes LIKE wildcards', () => expect(likePattern('50%_a\\')).toBe('%50\\%\\_a\\\\%'))
})
