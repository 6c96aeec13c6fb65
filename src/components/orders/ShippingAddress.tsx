import { isCountryCode, SUPPORTED_COUNTRIES } from '~/shared/countries';

/** A shipping address as an order carries it. */
export interface Address {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
}

/** An address as it goes on a parcel: one line each, the country by name. */
export function ShippingAddress({ address }: { address: Address }) {
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(', ');
  return (
    <address className="shipping-address">
      {address.name}
      <br />
      {address.line1}
      {address.line2 ? (
        <>
          <br />
          {address.line2}
        </>
      ) : null}
      <br />
      {cityLine}
      <br />
      {countryName(address.country)}
    </address>
  );
}

function countryName(code: string): string {
  return isCountryCode(code) ? (SUPPORTED_COUNTRIES.find((c) => c.code === code)?.name ?? code) : code;
}
