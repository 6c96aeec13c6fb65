'use client';
import { useId } from 'react';
import { CHECKOUT_FIELD_LIMITS } from '~/shared/checkout-details';
import type { AddressField } from './address-form';
import { TextField } from './TextField';
import type { AddressForm } from './use-address-form';

/** A country the shop ships to, as the checkout screen lists it. */
export interface CountryOption {
  code: string;
  name: string;
}

/** The contact email and the shipping address, with the browser's autofill tokens. */
/** `disabled`: the payment that carries this address is on its way or unconfirmed — it must not change. */
export function AddressFields({ form, countries, disabled }: { form: AddressForm; countries: readonly CountryOption[]; disabled: boolean }) {
  const field = (name: AddressField) => ({
    name,
    value: form.values[name],
    error: form.errors[name],
    onChange: (value: string) => form.set(name, value),
    onBlur: () => form.touch(name),
    maxLength: name === 'country' ? undefined : CHECKOUT_FIELD_LIMITS[name],
  });
  return (
    <>
      <fieldset className="form-section" disabled={disabled}>
        <legend>Contact</legend>
        <TextField label="Email" type="email" inputMode="email" autoComplete="email" required {...field('email')} />
        <p className="hint">We send the receipt here.</p>
      </fieldset>
      <fieldset className="form-section address-fields" disabled={disabled}>
        <legend>Shipping address</legend>
        <TextField label="Full name" autoComplete="name" required {...field('name')} />
        <TextField label="Address" autoComplete="address-line1" required {...field('line1')} />
        <TextField label="Apartment, suite, etc." hint="optional" autoComplete="address-line2" {...field('line2')} />
        <div className="field-row">
          <TextField label="City" autoComplete="address-level2" required {...field('city')} />
          <TextField label="State / region" hint="optional" autoComplete="address-level1" {...field('region')} />
        </div>
        <div className="field-row">
          <TextField label="Postal code" autoComplete="postal-code" required {...field('postalCode')} />
          <CountrySelect form={form} countries={countries} />
        </div>
      </fieldset>
    </>
  );
}

function CountrySelect({ form, countries }: { form: AddressForm; countries: readonly CountryOption[] }) {
  const id = useId();
  const error = form.errors.country;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>Country</label>
      <select
        id={id}
        name="country"
        autoComplete="country"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        value={form.values.country}
        onChange={(e) => form.set('country', e.target.value)}
        onBlur={() => form.touch('country')}
      >
        <option value="">Choose a country</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="hint">
          Shipping and tax follow the country.
        </p>
      )}
    </div>
  );
}
