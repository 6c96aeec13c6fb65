import { describe, expect, it } from 'vitest';
import { addressFormValuesOf, checkAddress, EMPTY_ADDRESS, toContactAndShipping, validateAddress, type AddressFormValues } from './address-form';

const filled: AddressFormValues = {
  email: ' ada@example.com ',
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  line2: '',
  city: 'London',
  region: ' ',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

describe('toContactAndShipping', () => {
  it('trims the values and leaves the empty optional lines out', () => {
    expect(toContactAndShipping(filled)).toEqual({
      contact: { email: 'ada@example.com' },
      shipping: { name: 'Ada Lovelace', line1: '12 St James’s Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    });
    expect(toContactAndShipping({ ...filled, line2: 'Flat 3', region: 'Westminster' }).shipping).toMatchObject({ line2: 'Flat 3', region: 'Westminster' });
  });
});

describe('addressFormValuesOf', () => {
  it('shows in the form what a payment was sent with', () => {
    const sent = { ...filled, email: 'ada@example.com', region: '' };
    expect(addressFormValuesOf(toContactAndShipping(sent))).toEqual(sent);
  });
});

describe('checkAddress', () => {
  it('accepts a complete address and hands back the input to send', () => {
    expect(checkAddress(filled)).toEqual({ ok: true, details: toContactAndShipping(filled) });
    expect(validateAddress(filled)).toEqual({});
  });

  it('asks for every required field of an empty form, and nothing for the optional ones', () => {
    const errors = validateAddress(EMPTY_ADDRESS);
    expect(Object.keys(errors).sort()).toEqual(['city', 'country', 'email', 'line1', 'name', 'postalCode']);
    expect(errors.name).toBe('Name is required.');
    expect(errors.country).toBe('Choose the country to ship to.');
  });

  it('explains a malformed email with an example', () => {
    expect(validateAddress({ ...filled, email: 'ada@' })).toEqual({ email: 'Enter an email address like name@example.com.' });
  });

  it('refuses what the server refuses: a country it does not ship to, a postal code with symbols', () => {
    expect(validateAddress({ ...filled, country: 'ZZ' })).toEqual({ country: 'Choose the country to ship to.' });
    expect(validateAddress({ ...filled, postalCode: 'SW1Y/4JH' })).toEqual({ postalCode: 'Postal code may hold letters, digits, spaces and hyphens.' });
  });
});
