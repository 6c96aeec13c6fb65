'use client';
import { useState } from 'react';
import { validateAddress, type AddressErrors, type AddressField, type AddressFormValues } from './address-form';

/** The checkout address form's state: values, and the messages to show. */
export interface AddressForm {
  values: AddressFormValues;
  /** Messages to show now: a field's once it was left (blurred) or the form was submitted. */
  errors: AddressErrors;
  set(field: AddressField, value: string): void;
  /** The shopper left the field: its message, if any, shows from now on. */
  touch(field: AddressField): void;
  /** Replaces every value, e.g. with the address of a payment resumed after a reload. */
  reset(values: AddressFormValues): void;
  /** Shows every message; returns all problems (empty when the form can be sent). */
  submit(): AddressErrors;
}

/** Inline validation as the shopper goes: quiet while typing a field for the first time, then live. */
export function useAddressForm(initial: AddressFormValues): AddressForm {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<AddressField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const all = validateAddress(values);
  const errors: AddressErrors = {};
  for (const [field, message] of Object.entries(all) as [AddressField, string][]) {
    if (submitted || touched.has(field)) errors[field] = message;
  }
  return {
    values,
    errors,
    set: (field, value) => setValues((previous) => ({ ...previous, [field]: value })),
    touch: (field) => setTouched((previous) => (previous.has(field) ? previous : new Set(previous).add(field))),
    // `setValues` itself: the same function on every render.
    reset: setValues,
    submit: () => {
      setSubmitted(true);
      return all;
    },
  };
}
