import { describe, expect, it } from 'vitest'
import { allowsLocalWebhookUrls } from '../env'
import { hostKind, webhookUrlProblem } from './url-guard'

const prod = (url: string) => webhookUrlProblem(url, { allowLocal: false })
const dev = (url: string) => webhookUrlProblem(url, { allowLocal: true })

describe('webhookUrlProblem by default', () => {
  it('allows https to public hosts and addresses', () => {
    for (const url of [
      'https://hooks.example.com/leadline',
      'https://example.com:8443/a?b=c',
      'https://8.8.8.8/hook',
      'https://1.1.1.1',
      'https://[2606:4700:4700::1111]/hook',
      'https://172.32.0.1/', // just outside 172.16.0.0/12
      'https://100.128.0.1/', // just outside 100.64.0.0/10
      'https://my.local.example.com/',
    ]) {
      expect(prod(url), url).toBeNull()
    }
  })

  it('refuses plain http and other schemes', () => {
    expect(prod('http://hooks.example.com/')).toBe('use an https URL')
    expect(prod('ftp://hooks.example.com/')).toBe('use an https URL')
    expect(prod('javascript:alert(1)')).toBe('use an https URL')
    expect(prod('not a url')).toBe('not a valid URL')
  })

  it('refuses loopback, private, link-local, CGNAT and reserved IPv4 addresses', () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://127.255.255.254/',
      'https://10.0.0.1/',
      'https://172.16.0.1/',
      'https://172.31.255.255/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://100.127.255.255/',
      'https://0.0.0.0/',
      'https://0.1.2.3/',
      'https://192.0.0.8/',
      'https://198.18.0.1/',
      'https://224.0.0.1/',
      'https://255.255.255.255/',
    ]) {
      expect(prod(url), url).not.toBeNull()
    }
  })

  it('refuses IPv4 addresses in the decimal, hex and octal forms URL parsing normalizes', () => {
    for (const url of [
      'https://2130706433/', // 127.0.0.1
      'https://0x7f000001/',
      'https://0x7f.1/',
      'https://0177.0.0.1/',
      'https://127.1/',
      'https://3232235777/', // 192.168.1.1
      'https://0xa9.0xfe.0xa9.0xfe/', // 169.254.169.254
      'https://0/',
    ]) {
      expect(prod(url), url).not.toBeNull()
    }
  })

  it('refuses loopback, unique-local, link-local and v4-mapped IPv6 addresses', () => {
    for (const url of [
      'https://[::1]/',
      'https://[0:0:0:0:0:0:0:1]/',
      'https://[::]/',
      'https://[fd00::1]/',
      'https://[fc00::abcd]/',
      'https://[fe80::1]/',
      'https://[febf::1]/',
      'https://[fec0::1]/',
      'https://[ff02::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://[::ffff:169.254.169.254]/',
      'https://[::127.0.0.1]/',
      'https://[64:ff9b::10.0.0.1]/',
      'https://[64:ff9b:1::1]/',
      'https://[2002:c0a8:101::1]/', // 6to4 of 192.168.1.1
      'https://[2001:0:4136:e378::1]/', // Teredo
    ]) {
      expect(prod(url), url).not.toBeNull()
    }
    expect(prod('https://[::ffff:8.8.8.8]/')).toBeNull()
    expect(prod('https://[2002:808:808::1]/')).toBeNull()
  })

  it('refuses localhost and internal host names', () => {
    for (const url of [
      'https://localhost/',
      'https://LOCALHOST./',
      'https://api.localhost/',
      'https://metadata.google.internal/',
      'https://printer.local/',
      'https://router.home.arpa/',
      'https://intranet/',
    ]) {
      expect(prod(url), url).not.toBeNull()
    }
    expect(prod('https://localhost/')).toBe('the host is a loopback address or localhost')
    expect(prod('https://printer.local/')).toBe('the host name is internal')
    expect(prod('https://10.0.0.1/')).toBe('the host is a private or reserved address')
  })

  it('is on unless ALLOW_LOCAL_WEBHOOK_URLS is exactly "true"', () => {
    const problem = (vars: { ALLOW_LOCAL_WEBHOOK_URLS?: string }) =>
      webhookUrlProblem('http://127.0.0.1/', {
        allowLocal: allowsLocalWebhookUrls({ DB: {} as D1Database, ...vars }),
      })
    for (const value of [undefined, '', 'false', '1', 'TRUE', 'yes']) {
      expect(problem({ ALLOW_LOCAL_WEBHOOK_URLS: value }), String(value)).not.toBeNull()
    }
    expect(problem({ ALLOW_LOCAL_WEBHOOK_URLS: 'true' })).toBeNull()
  })
})

describe('webhookUrlProblem with local URLs allowed (local development)', () => {
  it('allows http and loopback receivers', () => {
    for (const url of [
      'http://127.0.0.1:9000/hooks/a',
      'http://localhost:3000/',
      'http://[::1]:8080/',
      'http://hooks.example.com/',
      'https://hooks.example.com/',
    ]) {
      expect(dev(url), url).toBeNull()
    }
  })

  it('still refuses private networks and internal names', () => {
    expect(dev('http://10.0.0.5/')).not.toBeNull()
    expect(dev('http://169.254.169.254/')).not.toBeNull()
    expect(dev('http://metadata.google.internal/')).not.toBeNull()
    expect(dev('file:///etc/passwd')).not.toBeNull()
  })
})

describe('hostKind', () => {
  it('reads hosts as URL parsing leaves them', () => {
    expect(hostKind(new URL('http://2130706433/').hostname)).toBe('loopback')
    expect(hostKind(new URL('http://[::ffff:127.0.0.1]/').hostname)).toBe('loopback')
    expect(hostKind('[1:2:3]')).toBe('internal') // not an address: refused, not guessed
    expect(hostKind('example.com')).toBe('public')
  })
})
