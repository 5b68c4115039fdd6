/**
 * Which webhook URLs the worker may call. A store owner types the URL, and the worker fetches it
 * from Cloudflare's network, so nothing but public https hosts: no loopback,
 * private, link-local, CGNAT or unique-local addresses, and no internal host names (SSRF).
 * Hosts are read after WHATWG URL parsing, which already turns `http://2130706433/`,
 * `http://0x7f.1/` and `http://0177.0.0.1/` into `127.0.0.1` and IPv6 into its short hex form.
 * DNS names that resolve to private addresses are out of reach here; Workers' `fetch` refuses
 * those itself.
 */

type HostKind = 'loopback' | 'internal' | 'public'

/** IPv4 ranges that are not public (RFC 6890), as [first octets, prefix length]. */
const IPV4_BLOCKED: [number[], number, HostKind][] = [
  [[127], 8, 'loopback'],
  [[0], 8, 'internal'], // "this network", incl. 0.0.0.0
  [[10], 8, 'internal'],
  [[100, 64], 10, 'internal'], // CGNAT (RFC 6598)
  [[169, 254], 16, 'internal'], // link-local, incl. cloud metadata
  [[172, 16], 12, 'internal'],
  [[192, 0, 0], 24, 'internal'], // IETF protocol assignments
  [[192, 168], 16, 'internal'],
  [[198, 18], 15, 'internal'], // benchmarking
  [[224], 4, 'internal'], // multicast
  [[240], 4, 'internal'], // reserved, incl. 255.255.255.255
]

function ipv4ToInt(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (!m) return null
  const octets = m.slice(1).map(Number)
  if (octets.some((o) => o > 255)) return null
  return octets.reduce((acc, o) => acc * 256 + o, 0)
}

function ipv4Kind(value: number): HostKind {
  for (const [octets, prefix, kind] of IPV4_BLOCKED) {
    const base = [...octets, 0, 0, 0, 0].slice(0, 4).reduce((acc, o) => acc * 256 + o, 0)
    const size = 2 ** (32 - prefix)
    if (value >= base && value < base + size) return kind
  }
  return 'public'
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(host: string): number[] | null {
  let text = host
  // A trailing dotted IPv4 (`::ffff:1.2.3.4`) becomes its two hex groups first.
  const dotted = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text)
  if (dotted) {
    const v4 = ipv4ToInt(dotted[1]!)
    if (v4 === null) return null
    const hex = `${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`
    text = text.slice(0, -dotted[1]!.length) + hex
  }
  const halves = text.split('::')
  if (halves.length > 2) return null
  const parse = (s: string) => (s === '' ? [] : s.split(':'))
  const head = parse(halves[0]!)
  const rest = halves.length === 2 ? parse(halves[1]!) : []
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null
  const given = head.length + rest.length
  if (halves.length === 1 ? given !== 8 : given > 7) return null
  const hex = (g: string) => parseInt(g, 16)
  return [...head.map(hex), ...new Array<number>(8 - given).fill(0), ...rest.map(hex)]
}

function ipv6Kind(g: number[]): HostKind {
  const v4 = (hi: number, lo: number) => ipv4Kind(hi * 65536 + lo)
  const firstSixZero = g.slice(0, 6).every((x) => x === 0)
  if (firstSixZero && g[6] === 0 && g[7] === 1) return 'loopback' // ::1
  if (firstSixZero && g[6] === 0 && g[7] === 0) return 'internal' // ::
  if (firstSixZero) return v4(g[6]!, g[7]!) // IPv4-compatible (deprecated)
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return v4(g[6]!, g[7]!) // v4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    // NAT64: the well-known prefix embeds an IPv4 address; the local-use one is internal.
    return g.slice(2, 6).every((x) => x === 0) ? v4(g[6]!, g[7]!) : 'internal'
  }
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!) // 6to4 embeds the IPv4 address
  if (g[0] === 0x2001 && g[1] === 0) return 'internal' // Teredo
  if ((g[0]! & 0xfe00) === 0xfc00) return 'internal' // unique local fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return 'internal' // link-local fe80::/10
  if ((g[0]! & 0xffc0) === 0xfec0) return 'internal' // site-local fec0::/10 (deprecated)
  if ((g[0]! & 0xff00) === 0xff00) return 'internal' // multicast
  if (g[0] === 0x100 && g.slice(1, 4).every((x) => x === 0)) return 'internal' // discard 100::/64
  return 'public'
}

/** What a URL's host is; names are classified by their reserved suffixes. */
export function hostKind(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = ipv6Groups(host.slice(1, -1))
    return groups ? ipv6Kind(groups) : 'internal'
  }
  const v4 = ipv4ToInt(host)
  if (v4 !== null) return ipv4Kind(v4)
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback'
  // Single-label names resolve through search domains, i.e. inside someone's network.
  if (!host.includes('.')) return 'internal'
  if (/\.(internal|local|localdomain|home\.arpa|intranet|lan|corp)$/.test(host)) return 'internal'
  return 'public'
}

/**
 * Why the worker will not call this webhook URL, or null when it may: https to public hosts
 * only. `allowLocal` (the `ALLOW_LOCAL_WEBHOOK_URLS` variable, for local development) also lets
 * through plain http and loopback hosts (local receivers and fakes); private and internal hosts
 * stay refused either way.
 *
 * @example
 * webhookUrlProblem('https://hooks.example.com/leadline', { allowLocal: false }) // null
 * webhookUrlProblem('https://169.254.169.254/', { allowLocal: false }) // 'the host is a private or reserved address'
 * webhookUrlProblem('http://127.0.0.1:9000/hook', { allowLocal: true }) // null
 */
export function webhookUrlProblem(url: string, options: { allowLocal: boolean }): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a valid URL'
  }
  const strict = !options.allowLocal
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'use an https URL'
  if (strict && parsed.protocol !== 'https:') return 'use an https URL'
  const kind = hostKind(parsed.hostname)
  if (kind === 'loopback') return strict ? 'the host is a loopback address or localhost' : null
  if (kind === 'internal') {
    return /^[\d.]+$|^\[/.test(parsed.hostname)
      ? 'the host is a private or reserved address'
      : 'the host name is internal'
  }
  return null
}
