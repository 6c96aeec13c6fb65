/**
 * The countries the shop ships to (ISO 3166-1 alpha-2), with the shipping zone each belongs to.
 * Plain data, no server imports: the checkout form renders its country picker from this list, and
 * the server's input schema and pricing read the same one.
 */

/** Where a parcel goes, for the flat shipping rate (see `pricing.ts`). */
export type ShippingZone = 'DOMESTIC' | 'NORTH_AMERICA' | 'EUROPE' | 'ASIA_PACIFIC';

export const SUPPORTED_COUNTRIES = [
  { code: 'US', name: 'United States', zone: 'DOMESTIC' },
  { code: 'CA', name: 'Canada', zone: 'NORTH_AMERICA' },
  { code: 'MX', name: 'Mexico', zone: 'NORTH_AMERICA' },
  { code: 'GB', name: 'United Kingdom', zone: 'EUROPE' },
  { code: 'IE', name: 'Ireland', zone: 'EUROPE' },
  { code: 'FR', name: 'France', zone: 'EUROPE' },
  { code: 'DE', name: 'Germany', zone: 'EUROPE' },
  { code: 'NL', name: 'Netherlands', zone: 'EUROPE' },
  { code: 'BE', name: 'Belgium', zone: 'EUROPE' },
  { code: 'AT', name: 'Austria', zone: 'EUROPE' },
  { code: 'ES', name: 'Spain', zone: 'EUROPE' },
  { code: 'IT', name: 'Italy', zone: 'EUROPE' },
  { code: 'PT', name: 'Portugal', zone: 'EUROPE' },
  { code: 'SE', name: 'Sweden', zone: 'EUROPE' },
  { code: 'DK', name: 'Denmark', zone: 'EUROPE' },
  { code: 'FI', name: 'Finland', zone: 'EUROPE' },
  { code: 'NO', name: 'Norway', zone: 'EUROPE' },
  { code: 'CH', name: 'Switzerland', zone: 'EUROPE' },
  { code: 'JP', name: 'Japan', zone: 'ASIA_PACIFIC' },
  { code: 'KR', name: 'South Korea', zone: 'ASIA_PACIFIC' },
  { code: 'SG', name: 'Singapore', zone: 'ASIA_PACIFIC' },
  { code: 'AU', name: 'Australia', zone: 'ASIA_PACIFIC' },
  { code: 'NZ', name: 'New Zealand', zone: 'ASIA_PACIFIC' },
] as const satisfies readonly { code: string; name: string; zone: ShippingZone }[];

/** A supported country's ISO 3166-1 alpha-2 code. */
export type CountryCode = (typeof SUPPORTED_COUNTRIES)[number]['code'];

/** Every supported code, in the list's order (the tuple `z.enum` takes). */
export const COUNTRY_CODES = SUPPORTED_COUNTRIES.map((c) => c.code) as [CountryCode, ...CountryCode[]];

/** Where the shop is: the country a quote is for when the shopper has not said. */
export const DEFAULT_COUNTRY: CountryCode = 'US';

/** Whether `code` is a supported country (own entries only: `toString` is no country). */
export function isCountryCode(code: string): code is CountryCode {
  return SUPPORTED_COUNTRIES.some((c) => c.code === code);
}

/** The supported country with this code. */
export function countryOf(code: CountryCode): (typeof SUPPORTED_COUNTRIES)[number] {
  const country = SUPPORTED_COUNTRIES.find((c) => c.code === code);
  if (!country) throw new Error(`Unsupported country ${code}`);
  return country;
}
