export const DEMO_SECRETS: Record<string, string>
export function seedDemoNurture(
  baseUrl: string,
  ownerKey: string,
  pages: { bookingUrl: string; quotePageUrl: string },
  options?: { quietHours?: { start: string; end: string } | null },
): Promise<boolean>
