/** `url` with the query parameter `name` set to `value` (added, or replaced when present). */
export function withParam(url: string, name: string, value: string): string {
  const u = new URL(url)
  u.searchParams.set(name, value)
  return u.toString()
}
