import { describe, expect, it } from 'vitest'
import { randomToken } from '../lib/ids'
import { linkKeys, openNewerToken, sealNewerToken } from './links'

describe('replaced-link sealing', () => {
  it('opens the newer token only with the old token, for the same quote, untampered', async () => {
    const oldToken = randomToken(32)
    const newToken = randomToken(32)
    const keys = await linkKeys('qt_old', oldToken)
    expect(keys.sealedPrivateKey).not.toContain(oldToken)
    const sealed = await sealNewerToken('qt_old', keys.publicKey, newToken)
    expect(sealed).not.toContain(newToken)
    expect(await openNewerToken('qt_old', oldToken, keys.sealedPrivateKey, sealed)).toBe(newToken)

    expect(await openNewerToken('qt_old', randomToken(32), keys.sealedPrivateKey, sealed)).toBe(
      null,
    )
    expect(await openNewerToken('qt_other', oldToken, keys.sealedPrivateKey, sealed)).toBe(null)
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1)
    expect(await openNewerToken('qt_old', oldToken, keys.sealedPrivateKey, flipped)).toBe(null)
    expect(await openNewerToken('qt_old', oldToken, keys.sealedPrivateKey, 'garbage')).toBe(null)
  })

  it('seals differently every time (fresh ephemeral key and IV)', async () => {
    const keys = await linkKeys('qt_1', randomToken(32))
    const token = randomToken(32)
    expect(await sealNewerToken('qt_1', keys.publicKey, token)).not.toBe(
      await sealNewerToken('qt_1', keys.publicKey, token),
    )
  })
})
